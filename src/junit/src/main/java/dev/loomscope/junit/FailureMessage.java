package dev.loomscope.junit;

import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.ThreadState;

import java.util.List;

/** What a failed check says: each finding, then each of the test's threads in it, how and where it was stuck. */
final class FailureMessage {
    private static final int THREADS_SHOWN = 10;

    private FailureMessage() {
    }

    static String of(List<TestCapture.Problem> problems, Severity gate) {
        StringBuilder text = new StringBuilder(String.format("Loomscope found %d concurrency problem%s at %s or above "
                + "in this test:%n", problems.size(), problems.size() == 1 ? "" : "s", gate.label()));
        for (TestCapture.Problem p : problems) {
            Finding f = p.finding();
            text.append(String.format("%n[%s] %s%s%n  %s%n", f.severity().label(), f.kind(),
                    f.site().isEmpty() ? "" : " at " + f.site(), f.message()));
            for (Lane lane : p.threads().subList(0, Math.min(THREADS_SHOWN, p.threads().size()))) {
                text.append("  - ").append(lane.displayName()).append(lane.isVirtual() ? " (virtual)" : " (platform)")
                        .append(": ").append(where(p, lane)).append('\n');
            }
            if (p.threads().size() > THREADS_SHOWN) {
                text.append("  - and ").append(p.threads().size() - THREADS_SHOWN).append(" more\n");
            }
        }
        return text.append("\nThreads that existed before the test are not counted. Thresholds and threads to ignore: "
                + "@CheckConcurrency(thresholds = ..., ignoreThreads = ...); docs/junit.md.").toString();
    }

    /** "blocked receiving from a queue at com.example.Worker.run(42)", or "ended". */
    private static String where(TestCapture.Problem p, Lane lane) {
        if (lane.ended()) {
            return "ended";
        }
        ThreadState state = lane.stateAt(lane.lifeEnd() - 1);
        StackFrame site = lane.lastStack() < 0 ? null : p.timeline().stacks().site(lane.lastStack());
        return "still " + state.label().toLowerCase() + (site == null ? "" : " at " + site);
    }
}
