package dev.loomscope.core.live;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.loomscope.core.capture.RecordingLimits;
import dev.loomscope.core.capture.RecordingSettings;
import dev.loomscope.core.threaddump.ThreadDump;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A local JVM Loomscope is attached to, through the Attach API: a Unix socket the JVM itself
 * opens for processes of the same user, so no network and no listening socket of Loomscope's.
 * Diagnostic commands go over the same connection (what {@code jcmd} does).
 *
 * <p>The diagnostic commands need {@code --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED} on
 * Loomscope's own command line; the launcher and the tests pass it.
 */
public final class TargetJvm implements AutoCloseable {
    /** The name of the recording Loomscope starts in a target. */
    public static final String RECORDING = "loomscope";

    private final VirtualMachine vm;
    private final long pid;
    private final JvmInfo info;

    private TargetJvm(VirtualMachine vm, long pid, JvmInfo info) {
        this.vm = vm;
        this.pid = pid;
        this.info = info;
    }

    /** Attaches to the JVM with process id {@code pid}, which must run as this user. */
    public static TargetJvm attach(long pid) throws AttachException {
        if (pid == ProcessHandle.current().pid()) {
            throw new AttachException("Loomscope cannot attach to itself (pid " + pid + ").");
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new AttachException("There is no process with pid " + pid + " (it may have exited).");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new AttachException("Could not attach to pid " + pid + ": " + e.getMessage() + ". Loomscope "
                    + "attaches only to JVMs of the same user that allow it: check the JVM runs as you, is not "
                    + "started with -XX:+DisableAttachMechanism, and has finished starting.", e);
        }
        try {
            Properties props = vm.getSystemProperties();
            String command = props.getProperty("sun.java.command", "");
            JvmInfo info = new JvmInfo(pid, command, props.getProperty("java.version", ""),
                    props.getProperty("java.vendor", ""), "");
            return new TargetJvm(vm, pid, info);
        } catch (IOException e) {
            detachQuietly(vm);
            throw new AttachException("Attached to pid " + pid + " but it did not answer: " + e.getMessage(), e);
        }
    }

    public long pid() {
        return pid;
    }

    public JvmInfo info() {
        return info;
    }

    /** Runs a diagnostic command (as {@code jcmd <pid> <command>}) and returns what it printed. */
    public String jcmd(String command) throws AttachException {
        Method execute;
        try {
            execute = vm.getClass().getMethod("executeJCmd", String.class);
            execute.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AttachException("This Loomscope cannot send diagnostic commands: start it with "
                    + "--add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED (the loomscope launcher does).", e);
        }
        try (InputStream out = (InputStream) execute.invoke(vm, command)) {
            return new String(out.readAllBytes(), StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            throw new AttachException("pid " + pid + " refused '" + command + "': " + e.getCause().getMessage(), e.getCause());
        } catch (IOException | IllegalAccessException e) {
            throw new AttachException("pid " + pid + " did not answer '" + command + "': " + e.getMessage(), e);
        }
    }

    /**
     * Starts Loomscope's recording ({@link RecordingSettings}: the JDK's {@code default} plus
     * {@code loomscope.jfc}). A JDK that cannot read the overlay (older than its events) records
     * with {@code default} alone; the returned text says which was used.
     *
     * @param limits    how much of the recording the target keeps in its repository
     * @param withAgent the Loomscope agent was loaded ({@link RecordingSettings#overlayFile(boolean)})
     */
    public String startRecording(RecordingLimits limits, boolean withAgent) throws AttachException {
        String extra = limits.jfrOptions().replace(',', ' ');
        String base = "JFR.start name=" + RECORDING + " settings=" + RecordingSettings.BASE;
        String withOverlay = base + " settings=" + RecordingSettings.overlayFile(withAgent) + " " + extra;
        String answer = jcmd(withOverlay.trim());
        if (answer.contains("Started recording")) {
            return "Loomscope's settings";
        }
        String fallback = jcmd((base + " " + extra).trim());
        if (fallback.contains("Started recording")) {
            return "the JDK's default settings only (it refused Loomscope's: " + answer.strip() + ")";
        }
        throw new AttachException("pid " + pid + " did not start a recording: " + fallback.strip());
    }

    /** Stops Loomscope's recording in the target, if it still runs. */
    public void stopRecording() throws AttachException {
        jcmd("JFR.stop name=" + RECORDING);
    }

    /** Has the target write what its Loomscope recording holds so far to {@code file}. */
    public void dumpRecording(Path file) throws AttachException {
        String answer = jcmd("JFR.dump name=" + RECORDING + " filename=" + file.toAbsolutePath());
        if (!Files.exists(file)) {
            throw new AttachException("pid " + pid + " did not write " + file + ": " + answer.strip());
        }
    }

    /** The target's JFR repository, where its running recordings' chunks are written. */
    public Path repository() throws AttachException {
        try {
            String repository = vm.getSystemProperties().getProperty("jdk.jfr.repository");
            if (repository == null || repository.isEmpty()) {
                throw new AttachException("pid " + pid + " has no JFR repository yet (no recording is running).");
            }
            return Path.of(repository);
        } catch (IOException e) {
            throw new AttachException("pid " + pid + " did not answer: " + e.getMessage(), e);
        }
    }

    /** Takes a JSON thread dump of the target (JDK 21+): every thread, virtual ones included. */
    public ThreadDump threadDump() throws IOException {
        Path file = Files.createTempFile("loomscope-threads-", ".json");
        try {
            String answer = jcmd("Thread.dump_to_file -format=json -overwrite " + file.toAbsolutePath());
            if (Files.size(file) == 0) {
                throw new AttachException("pid " + pid + " wrote no thread dump: " + answer.strip());
            }
            return ThreadDump.read(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Loads a Java agent jar into the target, with {@code options} (may be null). */
    public void loadAgent(Path jar, String options) throws AttachException {
        try {
            vm.loadAgent(jar.toAbsolutePath().toString(), options);
        } catch (AgentLoadException | IOException e) {
            throw new AttachException("pid " + pid + " could not load the agent " + jar + ": " + e.getMessage(), e);
        } catch (com.sun.tools.attach.AgentInitializationException e) {
            throw new AttachException("The agent failed to start in pid " + pid + " (code " + e.returnValue() + ")", e);
        }
    }

    /** Detaches; the target runs on, its Loomscope recording included unless stopped first. */
    @Override
    public void close() {
        detachQuietly(vm);
    }

    private static void detachQuietly(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException e) {
            // Detaching from a JVM that is gone is nothing to report.
        }
    }
}
