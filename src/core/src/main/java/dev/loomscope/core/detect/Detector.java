package dev.loomscope.core.detect;

import org.apiguardian.api.API;

import java.util.List;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Finds one kind of problem in a timeline. Built-in detectors and plugins alike implement this
 * and are found with {@link java.util.ServiceLoader}: one way to write a detector.
 *
 * <p>Rules for implementations: read the model only through {@link DetectionContext} and the
 * timeline's public queries, never change it, return quickly (a detector runs on every analysis,
 * on recordings of millions of spans), and say nothing rather than guess: a false positive is a
 * bug. An exception thrown here disables the detector for that analysis and is reported; it never
 * takes the analysis down.
 */
@API(status = STABLE, since = "0.1")
public interface Detector {

    /** Who the detector is and what it can be told. */
    Info info();

    /** The findings in {@code context}'s timeline, possibly none. */
    List<Finding> detect(DetectionContext context);

    /**
     * @param id          a short stable id, also the prefix of its threshold keys
     * @param name        its name for people
     * @param description what it looks for and its known false positives, in a sentence or two
     * @param thresholds  what a user may set
     */
    record Info(String id, String name, String description, List<Threshold> thresholds) {
        public Info {
            thresholds = List.copyOf(thresholds);
        }
    }
}
