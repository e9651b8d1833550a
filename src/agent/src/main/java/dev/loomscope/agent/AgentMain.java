package dev.loomscope.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Entry point for {@code -javaagent:} (premain) and dynamic attach (agentmain).
 *
 * <p>This class is loaded by the application class loader and only bootstraps:
 * <ol>
 *   <li>the hook and event classes ({@code dev.loomscope.agent.boot}) are put into the boot
 *       loader (see BootClasses), so {@code java.lang.VirtualThread} can call them and
 *       there is exactly one copy of each;</li>
 *   <li>the installer, the transformer and ASM live in the jar under
 *       {@value #INST_PREFIX} as {@code .classdata} entries. Neither the boot loader nor
 *       the application loader can see them under their class names, so the host never
 *       gets our copy of ASM; a private {@link InstLoader} defines them.</li>
 * </ol>
 * Any failure here is reported on stderr once and swallowed: the host must start anyway.
 */
public final class AgentMain {
    static final String INST_PREFIX = "META-INF/loomscope/inst/";
    private static final String BOOT_CLASSES = "dev.loomscope.agent.inst.BootClasses";
    private static final String INSTALLER = "dev.loomscope.agent.inst.Installer";

    private AgentMain() {}

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attached) {
        try {
            JarFile jar = new JarFile(agentJar().toFile());
            ProtectionDomain domain = AgentMain.class.getProtectionDomain();
            ClassLoader loader = new InstLoader(jar, domain);
            // Boot classes first: the installer links against them.
            Object how = Class.forName(BOOT_CLASSES, true, loader)
                    .getMethod("install", JarFile.class, Instrumentation.class, ProtectionDomain.class)
                    .invoke(null, jar, inst, domain);
            Class.forName(INSTALLER, true, loader)
                    .getMethod("install", String.class, Instrumentation.class, boolean.class, String.class)
                    .invoke(null, args, inst, attached, how);
        } catch (Throwable t) {
            System.err.println("[loomscope] agent not started: " + t);
        }
    }

    private static Path agentJar() throws Exception {
        CodeSource cs = AgentMain.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            throw new IllegalStateException("agent jar location unknown");
        }
        return Path.of(cs.getLocation().toURI());
    }

    /**
     * Defines the installer and ASM from {@code .classdata} entries of the agent jar.
     * Parent is the boot loader: JDK classes and our boot-side classes resolve there,
     * so there is exactly one copy of every hook and event class.
     */
    static final class InstLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final JarFile jar;
        private final ProtectionDomain domain;

        InstLoader(JarFile jar, ProtectionDomain domain) {
            super("loomscope-inst", null);
            this.jar = jar;
            this.domain = domain;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JarEntry entry = jar.getJarEntry(INST_PREFIX + name.replace('.', '/') + ".classdata");
            if (entry == null) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length, domain);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
