package dev.loomscope.agent.inst;

import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the hook and event classes ({@code dev.loomscope.agent.boot}) into the boot loader.
 *
 * <p>Preferred: define them directly in the boot loader (JavaLangAccess.defineClass with a
 * null loader). Appending a jar to the boot class path makes HotSpot print
 * "Sharing is only supported for boot loader classes because bootstrap classpath has been
 * appended" and stop using CDS for every later non-boot class, a startup cost for the host.
 * Fallback, if that JDK-internal route is unavailable: appendToBootstrapClassLoaderSearch.
 *
 * <p>This class must not reference any boot-side class: it runs before they exist.
 */
public final class BootClasses {
    static final String PACKAGE_PATH = "dev/loomscope/agent/boot/";
    private static final String PROBE = "dev.loomscope.agent.boot.Hooks";

    private BootClasses() {}

    /** Returns how the classes were made available: "defined", "appended" or "present". */
    public static String install(JarFile jar, Instrumentation inst, ProtectionDomain domain) throws Exception {
        if (bootHas(PROBE)) {
            return "present";                              // second attach, or -Xbootclasspath/a
        }
        try {
            defineInBootLoader(jar, inst, domain);
            return "defined";
        } catch (Throwable t) {
            if (bootHas(PROBE)) {
                throw new IllegalStateException("boot classes partly defined", t);
            }
            inst.appendToBootstrapClassLoaderSearch(jar);
            return "appended (" + t + ")";
        }
    }

    private static boolean bootHas(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void defineInBootLoader(JarFile jar, Instrumentation inst, ProtectionDomain domain) throws Exception {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.access", Set.of(BootClasses.class.getModule())),
                Map.of(), Set.of(), Map.of());
        Class<?> secrets = Class.forName("jdk.internal.access.SharedSecrets", true, null);
        Object jla = secrets.getMethod("getJavaLangAccess").invoke(null);
        Method define = Class.forName("jdk.internal.access.JavaLangAccess", false, null).getMethod("defineClass",
                ClassLoader.class, String.class, byte[].class, ProtectionDomain.class, String.class);
        // Superclasses are JDK classes only, so any order works; sorted for determinism.
        List<JarEntry> entries = new ArrayList<>();
        for (JarEntry e : Collections.list(jar.entries())) {
            if (e.getName().startsWith(PACKAGE_PATH) && e.getName().endsWith(".class")) {
                entries.add(e);
            }
        }
        entries.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (JarEntry e : entries) {
            byte[] bytes;
            try (InputStream in = jar.getInputStream(e)) {
                bytes = in.readAllBytes();
            }
            String name = e.getName().substring(0, e.getName().length() - 6).replace('/', '.');
            define.invoke(jla, null, name, bytes, domain, "loomscope-agent");
        }
    }
}
