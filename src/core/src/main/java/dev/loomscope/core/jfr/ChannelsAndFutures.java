package dev.loomscope.core.jfr;

import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.TimelineWriter;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;

import java.util.Set;

/**
 * The agent's channel and future events ({@code docs/events.md}) into the timeline's channels and
 * future graph. Operations that blocked become their thread's blocked spans, linked to the channel.
 */
final class ChannelsAndFutures {
    private static final Set<String> SENDS = Set.of("put", "offer", "transfer", "tryTransfer", "add",
            "putFirst", "putLast", "offerFirst", "offerLast", "addFirst", "addLast", "push");

    /** The observations that block until the future completes. */
    private static final Set<String> WAITS = Set.of("join", "get");
    private static final Set<String> STATUS_QUERIES = Set.of("isDone", "isCompletedExceptionally", "isCancelled", "state");

    private final TimelineWriter writer;

    ChannelsAndFutures(TimelineWriter writer) {
        this.writer = writer;
    }

    void accept(EventKind kind, RecordedEvent event, int lane, long start, long end, int stack) {
        switch (kind) {
            case AGENT_CHANNEL_WAITING -> {
                if (lane >= 0) {
                    writer.channelWaiting(channel(event), lane, op(event), start);
                }
            }
            case AGENT_CHANNEL_OP -> {
                if (lane >= 0) {
                    int channel = writer.channel(event.getLong("channelId"));   // its ChannelCreated says what it is
                    Channel.Op op = op(event);
                    writer.channelOp(channel, lane, start, end, op, event.getInt("size"), event.getBoolean("success"),
                            stack, EventInterpreter.MIN_BLOCKING_CALL_NANOS);
                }
            }
            case AGENT_CHANNEL_CREATED -> {
                int channel = channel(event);
                if (!event.hasField("observedCreation") || event.getBoolean("observedCreation")) {
                    writer.channelCreated(channel, start, stack);
                }
            }
            case AGENT_FUTURE_CREATED -> writer.futureCreated(event.getLong("futureId"), start, event.getString("kind"), stack);
            case AGENT_FUTURE_CREATED_AT_SITE -> createdAtSite(event, start);
            case AGENT_CALL_SITE -> writer.callSite(event.getLong("site"),
                    oneFrame(event.getString("className"), event.getString("method"), event.getInt("line")),
                    event.getString("kind"));
            case AGENT_FUTURE_EDGE -> writer.futureEdge(event.getLong("sourceId"), event.getLong("dependentId"),
                    event.getString("kind"));
            case AGENT_FUTURE_COMPLETED -> completed(event, start, lane);
            case AGENT_FUTURE_OBSERVED -> {
                long id = event.getLong("futureId");
                String how = event.getString("how");
                long exceptionId = exceptionId(event);
                if (exceptionId != 0) {
                    writer.exceptionRead(exceptionId);  // futures=failures: a failed future read
                }
                if (id == 0) {
                    return;                             // ...that was no candidate itself
                }
                // A status query says whether it failed, not why: only reading the outcome observes
                // a failure (.NET's rule). Older agents reported these as observations too.
                if (!STATUS_QUERIES.contains(how)) {
                    observed(id, WAITS.contains(how) && exceptionId == 0, lane, start);
                }
            }
            case AGENT_FUTURE_CONTINUATION -> {
                ran(event.getLong("futureId"), lane, start, end);
                if (event.hasField("completed") && event.getBoolean("completed")) {
                    completed(event, end, lane);    // its completion, in the same event (agents since 2026-12-05)
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    /** The outcome of future {@code id} is read at {@code t}; {@code waits}: by a call that waits for it (join, get). */
    void observed(long id, boolean waits, int lane, long t) {
        writer.futureObserved(id);
        if (lane >= 0 && waits) {
            writer.futureWaited(id, lane, t);
        }
    }

    /** The function of future {@code id} ran on {@code lane}. */
    void ran(long id, int lane, long start, long end) {
        if (lane >= 0) {
            writer.futureRan(id, lane, start, end);
        }
    }

    /** Future {@code id} completed normally at {@code t}, on {@code lane}. */
    void completed(long id, long t, int lane) {
        writer.futureCompleted(id, t, null, lane);
    }

    /** A future completed at {@code at}, by a FutureCompleted or a FutureContinuation that says so. */
    private void completed(RecordedEvent event, long at, int lane) {
        RecordedClass exception = event.getClass("exceptionClass");
        FutureGraph.Failure failure = exception == null ? null : new FutureGraph.Failure(exception.getName(),
                event.hasField("thrownAt") ? frameStack(event.getString("thrownAt")) : -1,
                exceptionId(event));
        writer.futureCompleted(event.getLong("futureId"), at, failure, lane);
    }

    /** The id of the exception a future event carries (futures=failures), or 0 (other levels, older agents). */
    private static long exceptionId(RecordedEvent event) {
        return event.hasField("exceptionId") ? event.getLong("exceptionId") : 0;
    }

    /** {@code class.method(line)} as a one-frame stack, or -1 when empty or not of that form. */
    private int frameStack(String frame) {
        int paren = frame == null ? -1 : frame.lastIndexOf('(');
        int dot = paren < 0 ? -1 : frame.lastIndexOf('.', paren);
        if (dot <= 0 || !frame.endsWith(")")) {
            return -1;
        }
        int line;
        try {
            line = Integer.parseInt(frame.substring(paren + 1, frame.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
        return oneFrame(frame.substring(0, dot), frame.substring(dot + 1, paren), line);
    }

    /** A future made at a call site, with the futures it completes from (agents before 2026-12-05: FutureEdges). */
    private void createdAtSite(RecordedEvent event, long start) {
        boolean sources = event.hasField("sourceId");
        createdAtSite(event.getLong("futureId"), start, event.getLong("site"),
                sources ? event.getLong("sourceId") : 0, sources ? event.getLong("source2Id") : 0);
    }

    /** Future {@code id} made at {@code t} by the call {@code site}, completing from {@code source} and {@code other} (0: none). */
    void createdAtSite(long id, long t, long site, long source, long other) {
        writer.futureCreatedAtSite(id, t, site);
        if (source != 0) {
            writer.futureEdge(source, id, "");
        }
        if (other != 0) {
            writer.futureEdge(other, id, "");
        }
    }

    private int oneFrame(String className, String method, int line) {
        int id = writer.stacks().internFrame(className, method, line);
        return writer.stacks().internStack(new int[] {id}, 1, false);
    }

    private static Channel.Op op(RecordedEvent event) {
        return SENDS.contains(event.getString("op")) ? Channel.Op.SEND : Channel.Op.RECEIVE;
    }

    /** The channel a ChannelCreated or ChannelWaiting names, with its class and capacity. */
    private int channel(RecordedEvent event) {
        RecordedClass type = event.getClass("channelClass");
        return writer.channel(event.getLong("channelId"), type == null ? null : type.getName(), event.getInt("capacity"));
    }
}
