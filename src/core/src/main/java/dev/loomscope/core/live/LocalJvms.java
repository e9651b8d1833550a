package dev.loomscope.core.live;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JVMs running on this machine that the Attach API can see: those of the same user, which are
 * the only ones it lets anyone attach to.
 */
public final class LocalJvms {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    private LocalJvms() {
    }

    /**
     * Every visible JVM but this one, each asked for its version (in parallel, a few seconds at
     * most); one that does not answer is listed with the reason.
     */
    public static List<JvmInfo> list() {
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> found = VirtualMachine.list().stream()
                .filter(d -> !d.id().equals(String.valueOf(self))).toList();
        List<JvmInfo> result = new ArrayList<>();
        try (ExecutorService asking = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<JvmInfo>> answers = found.stream().map(d -> asking.submit(() -> describe(d))).toList();
            for (int i = 0; i < found.size(); i++) {
                result.add(answer(found.get(i), answers.get(i)));
            }
        }
        result.sort(Comparator.comparingLong(JvmInfo::pid));
        return result;
    }

    /**
     * Waits until the JVM with process id {@code pid} can be attached to (a JVM just started needs
     * a moment before its attach listener answers), or throws after {@code timeout}.
     */
    public static void awaitAttachable(long pid, Duration timeout) throws AttachException, InterruptedException {
        String id = String.valueOf(pid);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).isEmpty()) {
                throw new AttachException("pid " + pid + " exited before Loomscope could attach.");
            }
            if (VirtualMachine.list().stream().anyMatch(d -> d.id().equals(id))) {
                Thread.sleep(300); // listed a little before its attach listener answers
                return;
            }
            Thread.sleep(100);
        }
        throw new AttachException("pid " + pid + " did not become attachable within " + timeout.toSeconds() + " s.");
    }

    private static JvmInfo answer(VirtualMachineDescriptor d, Future<JvmInfo> answer) {
        try {
            return answer.get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new JvmInfo(pid(d), d.displayName(), "", "", "did not answer within " + ASK_TIMEOUT.toSeconds() + " s");
        } catch (Exception e) {
            return new JvmInfo(pid(d), d.displayName(), "", "", String.valueOf(e.getMessage()));
        }
    }

    private static JvmInfo describe(VirtualMachineDescriptor d) {
        try (TargetJvm target = TargetJvm.attach(pid(d))) {
            return target.info();
        } catch (AttachException e) {
            return new JvmInfo(pid(d), d.displayName(), "", "", e.getMessage());
        }
    }

    private static long pid(VirtualMachineDescriptor d) {
        try {
            return Long.parseLong(d.id());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
