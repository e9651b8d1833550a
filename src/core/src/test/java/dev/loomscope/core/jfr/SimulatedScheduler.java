package dev.loomscope.core.jfr;

import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.TimelineWriter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * A virtual-thread scheduler simulated one time unit at a time: the ground truth of
 * {@link SchedulingOracleTest}. Threads start at random times and repeat "run for a while, then
 * sleep, park or end" on a few carriers that take runnable threads first come, first served. Some
 * end parked forever (a leak). It records what each thread did at each instant and the facts a
 * recording would hold of it: the agent's scheduling events and the JFR sleep, park, start and
 * end events (committed when they end, as JFR does).
 */
final class SimulatedScheduler {
    /** One fact of the recording, to be handed to ingest once the stream has reached {@code committed}. */
    record Fact(long committed, BiConsumer<TimelineWriter, Scheduling> action) {
        void apply(TimelineWriter writer, Scheduling scheduling) {
            action.accept(writer, scheduling);
        }
    }

    private enum Next { SLEEP, PARK, END, LEAK }

    private static final byte NOT_STARTED = 0;
    private static final byte RUNNABLE = 1;
    private static final byte RUNNING = 2;
    private static final byte SLEEPING = 3;
    private static final byte WAITING = 4;
    private static final byte SLEPT_LATE = 5; // the timer fired, waiting for a carrier
    private static final byte UNPARKED = 6;   // unparked, waiting for a carrier
    private static final byte ENDED = 7;

    private final int carriers;
    private final int threads;
    private final int end;
    private final byte[][] state;
    private final int[][] carrierAt;
    private final long[] tierZeroLastSeen;
    private final List<Event> events = new ArrayList<>();

    /** What happened, in the simulation's terms; turned into facts by {@link #facts}. */
    private record Event(long t, int thread, String what, long a, long b) {
    }

    SimulatedScheduler(Random random) {
        carriers = 1 + random.nextInt(3);
        threads = 2 + random.nextInt(7);
        int horizon = 2000;
        state = new byte[threads][horizon];
        carrierAt = new int[threads][horizon];
        tierZeroLastSeen = new long[threads];
        end = simulate(random, horizon);
    }

    int threads() {
        return threads;
    }

    int end() {
        return end;
    }

    /** The lane id of thread {@code v}: lanes are created in thread order, carriers after them. */
    int laneOf(int v) {
        return v;
    }

    String carrierOf(int v, int t) {
        return "carrier-" + carrierAt[v][t];
    }

    /** What an exact capture (the agent) must draw. */
    ThreadState exact(int v, int t) {
        return switch (state[v][t]) {
            case NOT_STARTED -> ThreadState.UNKNOWN;
            case RUNNABLE, SLEPT_LATE, UNPARKED -> ThreadState.RUNNABLE;
            case RUNNING -> ThreadState.RUNNING;
            case SLEEPING -> ThreadState.SLEEPING;
            case WAITING -> ThreadState.WAITING;
            default -> ThreadState.ENDED;
        };
    }

    /**
     * What JFR alone may draw: a sleep as asked then waiting for a carrier; a park (its method
     * trace includes the wait for a carrier) as waiting all through; running and waiting for a
     * carrier otherwise undivided; nothing known after a thread's last event if it never ended.
     */
    ThreadState tierZero(int v, int t) {
        byte s = state[v][t];
        if (s != NOT_STARTED && s != ENDED && t >= tierZeroLastSeen[v] && state[v][end - 1] != ENDED) {
            return ThreadState.UNKNOWN;
        }
        return switch (s) {
            case NOT_STARTED -> ThreadState.UNKNOWN;
            case RUNNABLE, RUNNING -> ThreadState.RUNNING_OR_RUNNABLE;
            case SLEEPING -> ThreadState.SLEEPING;
            case SLEPT_LATE -> ThreadState.RUNNABLE;
            case WAITING, UNPARKED -> ThreadState.WAITING;
            default -> ThreadState.ENDED;
        };
    }

    private int simulate(Random random, int horizon) {
        int[] startAt = new int[threads];
        int[] stepsLeft = new int[threads];
        int[] runLeft = new int[threads];
        int[] wakeAt = new int[threads];
        int[] carrierOf = new int[threads];
        int[] blockedSince = new int[threads];
        Next[] pending = new Next[threads];
        boolean[] leaks = new boolean[threads];
        byte[] now = new byte[threads];
        int[] onCarrier = new int[carriers];
        Arrays.fill(onCarrier, -1);
        Arrays.fill(wakeAt, -1);
        for (int v = 0; v < threads; v++) {
            startAt[v] = random.nextInt(100);
            stepsLeft[v] = 1 + random.nextInt(6);
            leaks[v] = random.nextInt(7) == 0;
        }
        ArrayDeque<Integer> runQueue = new ArrayDeque<>();
        int last = 0;
        for (int t = 0; t < horizon - 1; t++) {
            for (int v = 0; v < threads; v++) {
                if (now[v] == RUNNING && runLeft[v] == 0) { // the run ends: unmount and do what comes next
                    onCarrier[carrierOf[v]] = -1;
                    last = t;
                    Next next = pending[v];
                    if (next == Next.END) {
                        now[v] = ENDED;
                        events.add(new Event(t, v, "end", 0, 0));
                    } else {
                        int length = 1 + random.nextInt(60);
                        now[v] = next == Next.SLEEP ? SLEEPING : WAITING;
                        wakeAt[v] = next == Next.LEAK ? -1 : t + length;
                        blockedSince[v] = t;
                        events.add(new Event(t, v, next == Next.SLEEP ? "sleep" : "park", length, 0));
                    }
                }
            }
            for (int v = 0; v < threads; v++) {
                if (now[v] == NOT_STARTED && startAt[v] == t) {
                    now[v] = RUNNABLE;
                    runQueue.add(v);
                    events.add(new Event(t, v, "start", 0, 0));
                } else if (wakeAt[v] == t) {
                    now[v] = now[v] == SLEEPING ? SLEPT_LATE : UNPARKED;
                    wakeAt[v] = -1;
                    runQueue.add(v);
                    events.add(new Event(t, v, "submit", 0, 0));
                }
            }
            for (int c = 0; c < carriers && !runQueue.isEmpty(); c++) {
                if (onCarrier[c] < 0) {
                    int v = runQueue.poll();
                    if (now[v] == SLEPT_LATE || now[v] == UNPARKED) { // the sleep or park returns now
                        events.add(new Event(t, v, now[v] == SLEPT_LATE ? "slept" : "parked", blockedSince[v], 0));
                    }
                    onCarrier[c] = v;
                    carrierOf[v] = c;
                    now[v] = RUNNING;
                    runLeft[v] = 1 + random.nextInt(30);
                    stepsLeft[v]--;
                    pending[v] = stepsLeft[v] > 0 ? (random.nextBoolean() ? Next.SLEEP : Next.PARK)
                            : leaks[v] ? Next.LEAK : Next.END;
                    events.add(new Event(t, v, "mount", c, 0));
                }
            }
            for (int v = 0; v < threads; v++) {
                state[v][t] = now[v];
                carrierAt[v][t] = carrierOf[v];
                if (now[v] == RUNNING) {
                    runLeft[v]--;
                }
            }
        }
        return Math.min(horizon - 1, last + 1 + random.nextInt(40));
    }

    /** Creates the lanes in {@code writer} and returns the facts a recording would hold, agent events or not. */
    List<Fact> facts(TimelineWriter writer, boolean agent) {
        for (int v = 0; v < threads; v++) {
            writer.lane(1 + v, "v-" + v, true, 0);
        }
        int[] carrierLanes = new int[carriers];
        for (int c = 0; c < carriers; c++) {
            carrierLanes[c] = writer.lane(1000 + c, "carrier-" + c, false, 0);
        }
        int sleepStack = stack(writer, "java.lang.Thread", "sleep");
        int parkStack = stack(writer, "java.util.concurrent.locks.LockSupport", "park");
        List<Fact> facts = new ArrayList<>();
        Arrays.fill(tierZeroLastSeen, Long.MIN_VALUE);
        for (Event e : events) {
            int v = e.thread();
            long t = e.t();
            if (e.t() >= end) {
                continue;
            }
            switch (e.what()) {
                case "start" -> {
                    facts.add(new Fact(t, (w, s) -> {
                        w.started(v, t);
                        w.seen(v, t, t, -1);
                    }));
                    tierZeroLastSeen[v] = Math.max(tierZeroLastSeen[v], t);
                }
                case "end" -> facts.add(new Fact(t, (w, s) -> w.ended(v, t)));
                case "slept" -> {
                    long from = e.a();
                    long asked = events.stream().filter(x -> x.thread() == v && x.t() == from).findFirst().orElseThrow().a();
                    facts.add(new Fact(t, (w, s) -> w.timedBlock(v, from, t, asked, ThreadState.SLEEPING, sleepStack, -1)));
                    tierZeroLastSeen[v] = Math.max(tierZeroLastSeen[v], t);
                }
                case "parked" -> {
                    long from = e.a();
                    facts.add(new Fact(t, (w, s) -> w.span(v, from, t, ThreadState.WAITING, false, parkStack, -1)));
                    tierZeroLastSeen[v] = Math.max(tierZeroLastSeen[v], t);
                }
                default -> {
                }
            }
            if (agent) {
                facts.addAll(agentFacts(e, carrierLanes, sleepStack, parkStack));
            }
        }
        return facts;
    }

    private static List<Fact> agentFacts(Event e, int[] carrierLanes, int sleepStack, int parkStack) {
        int v = e.thread();
        long t = e.t();
        return switch (e.what()) {
            case "start", "submit" -> List.of(new Fact(t, (w, s) -> s.add(Scheduling.SUBMIT, v, t, -1, 0)));
            case "mount" -> List.of(new Fact(t, (w, s) -> s.add(Scheduling.MOUNT, v, t, carrierLanes[(int) e.a()], 0)));
            case "sleep", "park" -> List.of(
                    new Fact(t, (w, s) -> s.add(Scheduling.BLOCK_BEGIN, v, t, e.what().equals("sleep") ? sleepStack : parkStack, 0)),
                    new Fact(t, (w, s) -> s.add(Scheduling.UNMOUNT, v, t, -1, Scheduling.PARK)));
            case "end" -> List.of(new Fact(t, (w, s) -> s.add(Scheduling.UNMOUNT, v, t, -1, Scheduling.END)));
            default -> List.of();
        };
    }

    private static int stack(TimelineWriter writer, String className, String method) {
        int frame = writer.stacks().internFrame(className, method, 1);
        int caller = writer.stacks().internFrame("app.Work", "step", 10);
        return writer.stacks().internStack(new int[] {frame, caller}, 2, false);
    }
}
