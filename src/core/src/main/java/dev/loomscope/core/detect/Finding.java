package dev.loomscope.core.detect;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * One problem a detector found, with what a person needs to see it: which threads, when, where,
 * and a plain sentence that explains it and what usually fixes it.
 *
 * @param kind       what it is: {@code leak}, {@code starvation}, {@code pinning}, {@code pool-starvation},
 *                   {@code deadlock}, {@code unobserved-failure}, {@code never-completed},
 *                   {@code backpressure} (plugins may add their own)
 * @param severity   how much it matters
 * @param message    one or two plain sentences: what happened, and what usually fixes it
 * @param startNanos when it started, timeline nanoseconds
 * @param endNanos   when it ended (the recording end if it still went on)
 * @param lanes      the lanes of every thread it is about: the evidence a view selects
 * @param threads    those threads' names, in the same order
 * @param site       the code it points at, {@code class.method(line)}, or ""
 * @param details    further facts, by name (numbers, strings, lists of them)
 * @param detector   the id of the detector that found it
 */
@API(status = STABLE, since = "0.1")
public record Finding(String kind, Severity severity, String message, long startNanos, long endNanos,
                      List<Integer> lanes, List<String> threads, String site, Map<String, Object> details,
                      String detector) {
    public Finding {
        lanes = List.copyOf(lanes);
        threads = List.copyOf(threads);
        details = Map.copyOf(details);
    }
}
