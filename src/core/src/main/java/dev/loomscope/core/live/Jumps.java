package dev.loomscope.core.live;

import dev.loomscope.core.model.RecordingWarning;
import dev.loomscope.core.model.Timeline;

import java.util.List;

/**
 * What a live session's jumps ahead left behind: how many, the last one's instant and reason, and
 * the counts of the timelines it jumped away from, so that totals since the attach span them all.
 * Written on the stream's thread; the counts are read by others, a few ticks stale at worst.
 */
final class Jumps {
    private volatile int count;
    private long lastAt;
    private String lastReason = "";
    private volatile long eventsBefore;
    private volatile long threadsBefore;
    private volatile long lossesBefore;

    /** The session leaves {@code left} for a new timeline starting at {@code at}, {@code why} (for people). */
    void record(Timeline left, long at, String why) {
        eventsBefore += left.info().eventCount();
        threadsBefore += left.laneCount();
        lossesBefore += losses(left);
        lastAt = at;
        lastReason = why;
        count++;
    }

    int count() {
        return count;
    }

    long events(Timeline current) {
        return eventsBefore + current.info().eventCount();
    }

    long threads(Timeline current) {
        return threadsBefore + current.laneCount();
    }

    long losses(Timeline current) {
        return lossesBefore + current.info().eventCounts().getOrDefault("jdk.DataLoss", 0L);
    }

    /** Says when and why the session last jumped, if it did. */
    void warn(List<RecordingWarning> warnings) {
        if (count > 0) {
            warnings.add(new RecordingWarning(RecordingWarning.Kind.DROPPED, String.format(
                    "Jumped ahead to the present %d time%s, last at %.1f s: %s. What came before is not shown; "
                    + "Save keeps all of it.", count, count == 1 ? "" : "s", lastAt / 1e9, lastReason)));
        }
    }
}
