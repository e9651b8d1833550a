package dev.loomscope.core.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.util.function.LongToIntFunction;
import java.util.function.ToIntFunction;

/**
 * The agent's batched carrier runs ({@code loomscope.CarrierRuns}, docs/events.md), as the mounts
 * and unmounts they stand for: each names the virtual thread a carrier ran, when, and why the run
 * ended (a park, a monitor, the thread's end), and how long the thread had waited for that carrier
 * since it was handed to its scheduler, and who handed it (its waker), which stand for a submit.
 * {@link Scheduling} replays them. Where the wait is not known (recordings made before
 * the agent measured it, or a thread the agent's table had no room for) the time from an unpark
 * to the next mount stays part of the wait, as a park's method trace draws it. A run the agent
 * reported while it was still going is a mount only; it comes again whole. A run that ended in a
 * park inside a blocking call of the program's code names its site, as a BlockBeginAtSite did.
 */
final class CarrierRuns {
    private static final int FIELDS = 16;
    /** Per run {@code i}, its fields' slots are {@code kind * FIELDS + i}. */
    private static final int THREAD = 0;
    private static final int START = FIELDS;
    private static final int LENGTH = 2 * FIELDS;
    private static final int QUEUED = 3 * FIELDS;
    private static final int WAKER = 4 * FIELDS;
    private static final int ID = 5 * FIELDS;
    private static final int SITE = 6 * FIELDS;
    /** The event's count of runs it could not record, after the numbered fields. */
    private static final int LOST = 7 * FIELDS;
    private static final String[] NAMES = withLost(FieldSlots.numbered(FIELDS, "t", "s", "l", "q", "w", "i", "p"));

    /** A run's reason: four bits of the event's {@code reasons}, as the agent writes them. */
    private static final int REASON_BITS = 4;
    private static final int[] REASONS = {Scheduling.OTHER, Scheduling.PARK, Scheduling.YIELD, Scheduling.MONITOR,
            Scheduling.WAIT, Scheduling.END};
    private static final int STILL_RUNNING = 6;

    private final Scheduling scheduling;
    private final ToIntFunction<RecordedThread> lanes;
    private final LongToIntFunction unnamedLanes;
    private final ParkSites parkSites;
    /**
     * The fields of the event type last seen, and whether it has the runs' waits and wakers, and
     * their parks' sites (older agents do not).
     */
    private FieldSlots fields;
    private boolean queued;
    private boolean wakers;
    private boolean sites;
    /** Runs the carriers said they could not record (their batch was being drained). */
    private long lost;

    /** Where a park that ended a run was: the blocking call site of the program's code it was in. */
    @FunctionalInterface
    interface ParkSites {
        void parkedAt(int virtualLane, long t, long site);
    }

    /**
     * {@code lanes} resolves the runs' named threads as the rest of ingest does, {@code unnamedLanes}
     * the virtual threads the agent gave by id alone (it references only the threads with a name).
     */
    CarrierRuns(Scheduling scheduling, ToIntFunction<RecordedThread> lanes, LongToIntFunction unnamedLanes,
                ParkSites parkSites) {
        this.scheduling = scheduling;
        this.lanes = lanes;
        this.unnamedLanes = unnamedLanes;
        this.parkSites = parkSites;
    }

    /** Each run is a mount at its start and, unless it was still going, an unmount for its reason at its end. */
    void accept(RecordedEvent event, int carrier, long eventTime) {
        if (carrier < 0) {
            return;
        }
        int count = Math.min(FIELDS, event.getInt("count"));
        long reasons = event.getLong("reasons");
        if (fields == null || !fields.fits(event)) { // looked up once per event type and chunk
            fields = new FieldSlots(event, NAMES);
            queued = fields.has(QUEUED);
            wakers = fields.has(WAKER) && fields.has(ID);
            sites = fields.has(SITE);
        }
        lost += fields.has(LOST) ? fields.getLong(event, LOST) : 0;
        for (int i = 0; i < count; i++) {
            RecordedThread named = fields.getThread(event, THREAD + i);
            int virtual = named != null ? lanes.applyAsInt(named)
                    : wakers ? unnamedLanes.applyAsInt(fields.getLong(event, ID + i)) : -1;
            long start = eventTime - fields.getLong(event, START + i);
            long end = start + fields.getLong(event, LENGTH + i);
            if (virtual < 0 || end < start || start < 0) {
                continue;
            }
            int reason = (int) (reasons >>> (i * REASON_BITS) & ((1 << REASON_BITS) - 1));
            long waited = queued ? fields.getLong(event, QUEUED + i) : 0;
            if (waited > 0 && waited <= start && reason != STILL_RUNNING) {
                scheduling.submitted(virtual, start - waited, wakers ? fields.getLong(event, WAKER + i) : 0);
            }
            scheduling.add(Scheduling.MOUNT, virtual, start, carrier, 0);
            if (reason == STILL_RUNNING) {
                continue;
            }
            int why = reason < REASONS.length ? REASONS[reason] : Scheduling.OTHER;
            long site = sites && why == Scheduling.PARK ? fields.getLong(event, SITE + i) : 0;
            if (site != 0) {
                parkSites.parkedAt(virtual, end, site); // replayed before the unmount at the same instant
            }
            scheduling.add(Scheduling.UNMOUNT, virtual, end, carrier, why);
        }
    }

    long lost() {
        return lost;
    }

    private static String[] withLost(String[] names) {
        String[] all = java.util.Arrays.copyOf(names, names.length + 1);
        all[names.length] = "lost";
        return all;
    }
}
