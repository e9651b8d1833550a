package dev.loomscope.agent.inst;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A JSON thread dump (virtual threads included) written when the host exits ({@code exitdump=}):
 * the one record of where threads blocked forever wait. JFR writes a park or a method trace when
 * the call returns, so a thread that never returns leaves no stack in the recording; a program
 * recorded from its start exits before anyone could take a dump from outside.
 *
 * <p>A dump costs about a kilobyte and some microseconds per thread, paid at exit; past
 * {@link #MAX_THREADS} threads alive it is skipped rather than hold the exit up for seconds.
 */
final class ExitDump {
    static final long MAX_THREADS = 20_000;

    private ExitDump() {}

    /** Registers the shutdown hook that writes the dump to {@code file}; never throws. */
    static void register(Instrumentation inst, Path file) {
        try {
            // The thread count is the root thread container's (jdk.internal.vm), which lists the
            // virtual threads the dump would write.
            inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.vm",
                    Set.of(ExitDump.class.getModule())), Map.of(), Set.of(), Map.of());
            Thread hook = new Thread(() -> write(file), "loomscope-exit-dump");
            hook.setDaemon(true);
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (Throwable t) {
            // No dump then: the recording says less about threads blocked at the end, nothing more.
        }
    }

    private static void write(Path file) {
        try {
            if (threadCount() > MAX_THREADS) {
                return;
            }
            Files.deleteIfExists(file);   // the JDK refuses to overwrite
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        } catch (Throwable t) {
            // The host is exiting: nothing to report to, nothing to break.
        }
    }

    private static long threadCount() throws ReflectiveOperationException {
        Class<?> containers = Class.forName("jdk.internal.vm.ThreadContainers");
        Object root = containers.getMethod("root").invoke(null);
        Method count = Class.forName("jdk.internal.vm.ThreadContainer").getMethod("threadCount");
        return (long) count.invoke(root);
    }
}
