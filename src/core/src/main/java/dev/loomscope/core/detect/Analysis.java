package dev.loomscope.core.detect;

import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

    /** Runs {@code detectors} over {@code timeline} with the user's {@code settings} (threshold key to value). */
    public static Result run(Timeline timeline, Map<String, Double> settings, List<Detector> detectors) {
        DetectionContext context = new DetectionContext(timeline, settings);
        List<Finding> findings = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        timeline.readLock().lock();
        try {
            for (Detector detector : detectors) {
                String id = safeId(detector);
                try {
                    List<Finding> found = detector.detect(context);
                    if (found != null) {
                        findings.addAll(found);
                    }
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    failures.add(new Failure(id, "the detector '" + id + "' failed and was left out: " + e));
                }
            }
        } finally {
            timeline.readLock().unlock();
        }
        findings.sort(ORDER);
        return new Result(findings, failures);
    }

    private static String safeId(Detector detector) {
        try {
            return detector.info().id();
        } catch (RuntimeException e) {
            return detector.getClass().getName();
        }
    }
}
