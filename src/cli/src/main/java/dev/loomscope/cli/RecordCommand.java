package dev.loomscope.cli;

import dev.loomscope.core.capture.AgentJar;
import dev.loomscope.core.capture.ProgramRecorder;
import dev.loomscope.core.capture.RecordingLimits;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.live.LiveOptions;
import dev.loomscope.core.live.LiveSession;
import dev.loomscope.core.live.TargetJvm;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.Timeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code loomscope record}: capture with Loomscope's settings, headless.
 * <ul>
 * <li>{@code record --pid PID --duration 30s -o OUT.jfr}: a running JVM, for a while, as a live
 *     session would (thread dumps at both ends, beside the file);</li>
 * <li>{@code record -o OUT.jfr -- java ARGS...}: a program from start to exit, like
 *     {@code go test -trace}; its output goes to this terminal.</li>
 * </ul>
 * Both load the agent at {@code level=runs} unless told otherwise ({@code --no-agent}).
 */
final class RecordCommand {
    static final String USAGE = """
              loomscope record --pid PID --duration 30s -o OUT.jfr [--no-agent | --agent | --agent-full] [LIMITS]
                                            record a running JVM of this user for a while
              loomscope record -o OUT.jfr [--no-agent | --agent | --agent-full] [LIMITS] -- java ARGS...
                                            run a Java program under a recording until it exits
                                            (the agent, loaded by default, batches which virtual
                                            thread each carrier ran, how long it waited for it and
                                            who woke it, reports future failures nothing took on,
                                            and dumps the threads as the program exits into
                                            OUT.jfr.threads.json; --agent adds where every park
                                            of 1 in 16 virtual threads began; --agent-full every
                                            one's, every queue operation and future; --no-agent:
                                            JFR alone. Warmed up, a busy service and a pipeline
                                            kept 0.98x and 0.91x of their throughput under the
                                            JDK's default settings, --agent 0.98x and 1.13x,
                                            --agent-full 0.97x and 0.90x, --no-agent 0.52x and
                                            0.56x; a fan-out of short-lived threads 0.88x by
                                            default, 0.49x with --agent-full; whole runs with
                                            start-up pay up to 11 points more; runs vary by 5-15
                                            points; docs/capture.md)
                                            LIMITS: --max-size 1g, --max-age 2h: the newest data kept
                                            on disk (default: the newest 1 GB)
            """;
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final PrintStream out;
    private final PrintStream err;

    RecordCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws IOException, InterruptedException {
        Long pid = null;
        Duration duration = null;
        Path output = null;
        String agent = "level=runs";
        RecordingLimits limits = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--pid" -> pid = pid(OptionValue.of(args, ++i, arg));
                case "--duration" -> duration = duration(OptionValue.of(args, ++i, arg));
                case "-o", "--output" -> output = Path.of(OptionValue.of(args, ++i, arg));
                case "--agent" -> agent = "level=sampled";
                case "--agent-full" -> agent = "level=full";
                case "--no-agent" -> agent = null;
                case "--max-size" -> limits = limitsOrNone(limits).withMaxBytes(RecordingLimits.parseSize(OptionValue.of(args, ++i, arg)));
                case "--max-age" -> limits = limitsOrNone(limits).withMaxAge(duration(OptionValue.of(args, ++i, arg)));
                case "--" -> {
                    return output == null ? usage("record needs -o OUT.jfr")
                            : program(args.subList(i + 1, args.size()), output, agent, limitsOrDefault(limits));
                }
                default -> {
                    return usage("record does not know '" + arg + "'");
                }
            }
        }
        if (pid == null || output == null) {
            return usage("record needs --pid PID and -o OUT.jfr, or -o OUT.jfr -- java ARGS...");
        }
        LiveOptions options = LiveOptions.DEFAULT.withLimits(limitsOrDefault(limits));
        return running(pid, duration == null ? Duration.ofSeconds(30) : duration, output,
                agent != null ? options.withAgent(agentJar(), agent) : options);
    }

    private static RecordingLimits limitsOrNone(RecordingLimits limits) {
        return limits == null ? RecordingLimits.NONE : limits;
    }

    private static RecordingLimits limitsOrDefault(RecordingLimits limits) {
        return limits == null ? RecordingLimits.DEFAULT : limits;
    }

    private int running(long pid, Duration duration, Path output, LiveOptions options)
            throws IOException, InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        LiveSession session = LiveSession.start(TargetJvm.attach(pid), options, new LiveSession.Listener() {
            @Override
            public void updated(LiveSession s) {
            }

            @Override
            public void stateChanged(LiveSession s, LiveSession.State state, String reason) {
                ended.countDown();
            }
        });
        try {
            out.printf("Recording pid %d (%s) for %d s with %s...%n", pid, session.target().info().displayName(),
                    duration.toSeconds(), session.settingsUsed());
            if (ended.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("loomscope: " + session.reason() + "; keeping what was captured.");
            }
            session.stop("the " + duration.toSeconds() + " s asked for were recorded");
            session.save(output);
            Timeline timeline = session.timeline();
            timeline.readLock().lock();
            try {
                report(output, timeline);
            } finally {
                timeline.readLock().unlock();
            }
            return 0;
        } finally {
            session.close();
        }
    }

    private int program(List<String> command, Path output, String agent, RecordingLimits limits)
            throws IOException, InterruptedException {
        if (command.isEmpty() || !Path.of(command.getFirst()).getFileName().toString().startsWith("java")) {
            return usage("after -- comes a java command line: -- java -cp app.jar com.example.Main");
        }
        List<String> javaArguments = new java.util.ArrayList<>();
        if (agent != null) {
            javaArguments.add("-javaagent:" + agentJar() + "=" + agent);
        }
        javaArguments.addAll(command.subList(1, command.size()));
        ProgramRecorder.Result result = ProgramRecorder.record(launcher(command.getFirst()), javaArguments, output,
                Duration.ofDays(365), true, limits);
        Timeline timeline = RecordingLoader.load(result.recording(), LoadMonitor.NONE);
        out.printf("The program exited with code %d.%n", result.exitCode());
        out.println("Kept the newest " + limits.describe() + " at most (--max-size, --max-age); older data is dropped "
                + "whole chunks at a time.");
        report(output, timeline);
        return 0;
    }

    /**
     * A bare {@code java} means Loomscope's own JDK 25 (the one on the PATH may be older and lack
     * the method tracing the recording asks for); a path names the launcher to use.
     */
    private static Path launcher(String named) {
        return Path.of(named).getParent() != null ? Path.of(named) : ProgramRecorder.javaLauncher();
    }

    private void report(Path output, Timeline timeline) throws IOException {
        long virtual = timeline.lanes().stream().filter(Lane::isVirtual).count();
        out.printf("Wrote %s: %.1f MB, %.3f s, %,d events, %,d threads (%,d virtual), %,d carriers.%n",
                output, Files.size(output) / 1e6, timeline.durationNanos() / 1e9, timeline.info().eventCount(),
                timeline.laneCount(), virtual, timeline.carrierLanes().size());
        timeline.info().warningTexts().forEach(w -> out.println("  note: " + w));
        out.println("Open it with: loomscope " + output);
    }

    private static long pid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--pid takes a process id, a number (not '" + text + "')");
        }
    }

    private static Path agentJar() {
        try {
            return AgentJar.require();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("a duration is a number and a unit: 1500ms, 30s, 5m, 1h (not '" + text + "')");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }


    private int usage(String problem) {
        err.println("loomscope: " + problem);
        err.print("Usage:\n" + USAGE);
        return 2;
    }
}
