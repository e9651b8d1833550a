package dev.loomscope.core.detect;

import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs detectors over a timeline. Each detector is isolated: one that throws is left out of this
 * analysis and reported in {@link Result#failures()}; the others still run.
 */
public final class Analysis {
    /** Most severe first, then earliest. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).reversed()
            .thenComparingLong(Finding::startNanos).thenComparing(Finding::kind);

    /**
     * @param findings every finding, {@link #ORDER}ed
     * @param failures detectors that failed, and how
     */
    public record Result(List<Finding> findings, List<Failure> failures) {
        public Result {
            findings = List.copyOf(findings);
            failures = List.copyOf(failures);
        }
    }

    /** A detector that threw; {@code message} says which and what. */
    public record Failure(String detector, String message) {
    }

    private Analysis() {
    }

    /**
     * Runs {@code detectors} over {@code timeline} with the user's {@code settings} (threshold key
     * to value), holding the timeline's read lock. The built-in detectors are independent readers
     * of one model and take no lock themselves, so they run side by side (the common fork-join
     * pool and this thread) while this thread holds the lock for them; plugins run after, one by
     * one on this thread, as they always have: one that takes the timeline's read lock itself
     * would wait behind a live session's writer from another thread, a writer waiting on us.
     * Findings and failures come in the detectors' order, then findings are {@link #ORDER}ed.
     */
    public static Result run(Timeline timeline, Map<String, Double> settings, List<Detector> detectors) {
        DetectionContext context = new DetectionContext(timeline, settings);
        Outcome[] outcomes = new Outcome[detectors.size()];
        timeline.readLock().lock();
        try {
            IntStream.range(0, outcomes.length).filter(i -> builtIn(detectors.get(i))).parallel()
                    .forEach(i -> outcomes[i] = detect(detectors.get(i), context));
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == null) {
                    outcomes[i] = detect(detectors.get(i), context);
                }
            }
        } finally {
            timeline.readLock().unlock();
        }
        List<Finding> findings = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            findings.addAll(outcome.found());
            if (outcome.failure() != null) {
                failures.add(outcome.failure());
            }
        }
        findings.sort(ORDER);
        return new Result(findings, failures);
    }

    private static boolean builtIn(Detector detector) {
        return detector.getClass().getPackageName().equals(BUILT_IN);
    }

    private static final String BUILT_IN = "dev.loomscope.core.detect.builtin";

    /** What one detector gave: its findings, or how it failed. */
    private record Outcome(List<Finding> found, Failure failure) {
    }

    private static Outcome detect(Detector detector, DetectionContext context) {
        String id = safeId(detector);
        try {
            List<Finding> found = detector.detect(context);
            return new Outcome(found == null ? List.of() : found, null);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return new Outcome(List.of(), new Failure(id, "the detector '" + id + "' failed and was left out: " + e));
        }
    }

    private static String safeId(Detector detector) {
        try {
            return detector.info().id();
        } catch (RuntimeException e) {
            return detector.getClass().getName();
        }
    }
}
