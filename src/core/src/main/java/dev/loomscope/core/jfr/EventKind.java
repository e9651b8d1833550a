package dev.loomscope.core.jfr;

/** The JFR event types ingest interprets, by what they mean for a thread's state. */
enum EventKind {
    THREAD_START, THREAD_END, VIRTUAL_THREAD_START, VIRTUAL_THREAD_END,
    PARK, MONITOR_ENTER, MONITOR_WAIT, SLEEP, PINNED, IO,
    METHOD_TRACE, EXECUTION_SAMPLE,
    /** The Loomscope agent's events (tier 1, docs/events.md). */
    AGENT_CARRIER_RUNS, AGENT_BLOCK_BEGIN, AGENT_STATUS,
    AGENT_CHANNEL_OP, AGENT_CHANNEL_CREATED, AGENT_CHANNEL_WAITING, AGENT_FUTURE_CREATED, AGENT_FUTURE_CREATED_AT_SITE,
    AGENT_CALL_SITE, AGENT_BLOCK_BEGIN_AT_SITE, OLD_OBJECT_SAMPLE, AGENT_FUTURE_EDGE, AGENT_FUTURE_COMPLETED, AGENT_FUTURE_OBSERVED, AGENT_FUTURE_CONTINUATION,
    AGENT_FUTURE_BATCH,
    /** Facts about the JVM the scheduler views need (parallelism). */
    SYSTEM_PROPERTY, CPU_INFORMATION,
    /** A text thread dump (Loomscope's settings take one at every chunk end). */
    THREAD_DUMP,
    /**
     * Committed by JFR's periodic thread in the name of the thread it measured, at a time of its
     * own: no evidence of what that thread did then (it may have been parked since long before).
     */
    MEASURED_BY_JFR,
    /** Any other event: evidence only that its thread was alive and where. */
    OTHER;

    static EventKind of(String eventType) {
        return switch (eventType) {
            case "jdk.ThreadStart" -> THREAD_START;
            case "jdk.ThreadEnd" -> THREAD_END;
            case "jdk.VirtualThreadStart" -> VIRTUAL_THREAD_START;
            case "jdk.VirtualThreadEnd" -> VIRTUAL_THREAD_END;
            case "jdk.ThreadPark" -> PARK;
            case "jdk.JavaMonitorEnter" -> MONITOR_ENTER;
            case "jdk.JavaMonitorWait" -> MONITOR_WAIT;
            case "jdk.ThreadSleep" -> SLEEP;
            case "jdk.VirtualThreadPinned" -> PINNED;
            case "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite", "jdk.FileForce" -> IO;
            case "jdk.MethodTrace" -> METHOD_TRACE;
            case "jdk.ExecutionSample" -> EXECUTION_SAMPLE;
            case "jdk.OldObjectSample" -> OLD_OBJECT_SAMPLE;
            case "loomscope.CarrierRuns" -> AGENT_CARRIER_RUNS;
            case "loomscope.BlockBegin" -> AGENT_BLOCK_BEGIN;
            case "loomscope.BlockBeginAtSite" -> AGENT_BLOCK_BEGIN_AT_SITE;
            case "loomscope.AgentStatus" -> AGENT_STATUS;
            case "loomscope.ChannelOp" -> AGENT_CHANNEL_OP;
            case "loomscope.ChannelCreated" -> AGENT_CHANNEL_CREATED;
            case "loomscope.ChannelWaiting" -> AGENT_CHANNEL_WAITING;
            case "loomscope.FutureCreated" -> AGENT_FUTURE_CREATED;
            case "loomscope.FutureCreatedAtSite" -> AGENT_FUTURE_CREATED_AT_SITE;
            case "loomscope.CallSite" -> AGENT_CALL_SITE;
            case "loomscope.FutureEdge" -> AGENT_FUTURE_EDGE;
            case "loomscope.FutureCompleted" -> AGENT_FUTURE_COMPLETED;
            case "loomscope.FutureObserved" -> AGENT_FUTURE_OBSERVED;
            case "loomscope.FutureContinuation" -> AGENT_FUTURE_CONTINUATION;
            case "loomscope.FutureBatch" -> AGENT_FUTURE_BATCH;
            case "jdk.InitialSystemProperty" -> SYSTEM_PROPERTY;
            case "jdk.CPUInformation" -> CPU_INFORMATION;
            case "jdk.ThreadDump" -> THREAD_DUMP;
            case "jdk.ThreadCPULoad" -> MEASURED_BY_JFR;
            default -> OTHER;
        };
    }
}
