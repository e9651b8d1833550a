package dev.loomscope.core.export;

import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.Timeline;

import java.util.regex.Pattern;

/**
 * What part of a recording an export writes: a time range and the threads whose names match a
 * pattern. Spans are cut to the range; a thread outside the pattern is left out with its spans.
 *
 * @param from    nanoseconds since the recording start, inclusive
 * @param to      nanoseconds since the recording start, exclusive
 * @param threads the threads to keep, by a regular expression found in their names; null for all
 */
public record ExportScope(long from, long to, Pattern threads) {
    public ExportScope {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("an export range needs 0 <= from < to: " + from + ":" + to);
        }
    }

    /** The whole recording, every thread. */
    public static ExportScope all(Timeline timeline) {
        return new ExportScope(0, Math.max(1, timeline.durationNanos()), null);
    }

    /** This scope cut to {@code range} (FROM:TO in seconds since the recording start). */
    public ExportScope withRange(String range) {
        long[] r = parseRange(range);
        return new ExportScope(r[0], r[1], threads);
    }

    /** This scope keeping only the threads whose names match {@code regex} somewhere. */
    public ExportScope withThreads(String regex) {
        return new ExportScope(from, to, Pattern.compile(regex));
    }

    public boolean includes(Lane lane) {
        return (threads == null || threads.matcher(lane.name()).find())
                && lane.lifeEnd() > from && lane.lifeStart() < to && lane.lifeEnd() > lane.lifeStart();
    }

    /**
     * "0.5:1.25": seconds since the recording start, as {@code loomscope render --range} and
     * {@code export --range} take them; {from, to} in nanoseconds.
     */
    public static long[] parseRange(String text) {
        String[] parts = text.split(":");
        try {
            long from = Math.round(Double.parseDouble(parts[0]) * 1e9);
            long to = Math.round(Double.parseDouble(parts[1]) * 1e9);
            if (parts.length == 2 && from >= 0 && to > from) {
                return new long[] {from, to};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw new IllegalArgumentException("--range takes FROM:TO in seconds, FROM < TO, such as 0.5:1.25");
    }
}
