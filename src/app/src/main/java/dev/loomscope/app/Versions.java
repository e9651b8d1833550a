package dev.loomscope.app;

/** Versions of Loomscope and of what it runs on, for --version and Help > About. */
final class Versions {
    private Versions() {
    }

    static String loomscope() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    static String jdk() {
        return Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")";
    }

    static String javafx() {
        try {
            Class<?> info = Class.forName("com.sun.javafx.runtime.VersionInfo");
            return (String) info.getMethod("getRuntimeVersion").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    static String text() {
        return "Loomscope " + loomscope() + "\nJDK " + jdk() + "\nJavaFX " + javafx() + "\n";
    }
}
