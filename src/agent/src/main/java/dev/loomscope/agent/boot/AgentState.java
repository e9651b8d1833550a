package dev.loomscope.agent.boot;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * The agent's status as reported by {@code loomscope.AgentStatus}. One instance per JVM:
 * this class is defined by the boot loader only. Lock-free, because {@link #fail} runs
 * inside hooks (possibly in the middle of a mount).
 */
public final class AgentState {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    private record Status(String status, String reason, String hooks) {}

    private static final Status STARTING = new Status(DISABLED, "starting", "");
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final AtomicReference<Status> CURRENT = new AtomicReference<>(STARTING);
    private static final String JDK = Runtime.version().toString();

    private AgentState() {}

    /** True for the first caller only: a second attach must not install a second set of hooks. */
    public static boolean claimInstall() {
        return INSTALLED.compareAndSet(false, true);
    }

    /**
     * Registers the events (status one as periodic). Must run before any hook can fire, so
     * that JFR's classes are loaded and the event classes instrumented outside mount/unmount.
     */
    public static void registerEvents(boolean channels, boolean futures) {
        FlightRecorder.register(AgentStatusEvent.class);
        FlightRecorder.register(BlockBeginEvent.class);
        FlightRecorder.register(BlockBeginAtSiteEvent.class);
        FlightRecorder.register(CallSiteEvent.class);
        FlightRecorder.addPeriodicEvent(CarrierRunsEvent.class, () -> drain(false));
        RunsCommitter.start();
        if (channels) {
            FlightRecorder.register(ChannelOpEvent.class);
            FlightRecorder.register(ChannelCreatedEvent.class);
            FlightRecorder.addPeriodicEvent(ChannelWaitingEvent.class, ChannelWaits::commitWaiting);
        }
        if (futures) {
            FlightRecorder.register(FutureCreatedEvent.class);
            FlightRecorder.register(FutureCreatedAtSiteEvent.class);
            FlightRecorder.register(FutureEdgeEvent.class);
            FlightRecorder.register(FutureCompletedEvent.class);
            FlightRecorder.register(FutureObservedEvent.class);
            FlightRecorder.register(FutureContinuationEvent.class);
            FlightRecorder.register(FutureBatchEvent.class);
        }
        FlightRecorder.addPeriodicEvent(AgentStatusEvent.class, AgentState::commitStatus);
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recordingStateChanged(Recording recording) {
                recordingChanged();
            }
        });
    }

    /**
     * Bumped at every chunk boundary and when the last recording stops: what the hooks announce
     * once per chunk (a queue, a call site) is announced again when it differs from the epoch of
     * its last announcement.
     */
    private static volatile int chunkEpoch = 1;

    static int chunkEpoch() {
        return chunkEpoch;
    }

    /** When the last running recording stops, the id maps are cleared (they only serve recordings). */
    private static void recordingChanged() {
        try {
            for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
                if (r.getState() == RecordingState.RUNNING) {
                    return;
                }
            }
            chunkEpoch++;
            ChannelHooks.recordingsStopped();
            FutureHooks.recordingsStopped();
        } catch (Throwable ignored) {
            // Only memory is at stake; never fail JFR's caller.
        }
    }

    /**
     * Marks the agent active unless a hook already failed during installation.
     * @param how how the agent was started ("premain" or "attach"), kept as the reason
     */
    public static void activate(String hookList, String how) {
        if (CURRENT.compareAndSet(STARTING, new Status(ACTIVE, how, hookList))) {
            commitStatus();
        }
    }

    /** Adds {@code what} to the reason of an active agent (a step that ended after it activated), and reports it. */
    public static void note(String what) {
        Status s = CURRENT.get();
        if (s.status().equals(ACTIVE) && CURRENT.compareAndSet(s, new Status(ACTIVE, s.reason() + "; " + what, s.hooks()))) {
            commitStatus();
        }
    }

    /** Turns the hooks off for good and records why. */
    public static void disable(String why) {
        Hooks.disable();
        ChannelHooks.disable();
        FutureHooks.disable();
        CURRENT.set(new Status(DISABLED, why, CURRENT.get().hooks()));
        commitStatus();
    }

    /** Called from a hook's catch block: turn everything off, keep the host running. */
    static void fail(String where, Throwable t) {
        try {
            disable("internal error in " + where + ": " + t);
        } catch (Throwable ignored) {
            // Nothing else we can do without risking the host.
        }
    }

    /** Set once a drain failed: it reports through the status, which drains again. */
    private static volatile boolean drainFailed;

    /**
     * What the carriers hold, runs and future records: by JFR's periodic thread when idle,
     * everything at a chunk end ({@code all}), the full batches handed to the committer included.
     */
    private static void drain(boolean all) {
        if (drainFailed) {
            return;
        }
        try {
            if (all) {
                RunsCommitter.commitHanded();         // full batches too reach the chunk they belong to
            }
            CarrierRuns.drain(all);
            FutureRecords.drain(all);
        } catch (Throwable t) {
            drainFailed = true;
            fail("the carriers' drain", t);
        }
    }

    static void commitStatus() {
        chunkEpoch++;                      // called at every chunk boundary: queues and call sites are announced again,
        drain(true);                       // and every carrier's batches reach the chunk they belong to
        try {
            AgentStatusEvent e = new AgentStatusEvent();
            if (e.shouldCommit()) {
                Status s = CURRENT.get();
                e.status = s.status();
                e.reason = s.reason();
                e.jdk = JDK;
                e.hooks = s.hooks();
                e.commit();
            }
        } catch (Throwable ignored) {
            // Status reporting must never fail the caller (a hook or JFR's periodic thread).
        }
    }
}
