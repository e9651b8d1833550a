package dev.loomscope.core.jfr;

import jdk.jfr.EventType;
import jdk.jfr.Timespan;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What ingest knows of each event type it met: its kind, how many of its events were read, and
 * where the fields read of every event are (its thread, its stack, the time a park or sleep asked
 * for), found once per type ({@link FieldSlots}). {@link RecordedEvent#getThread()} and its
 * siblings find a field by name, a linear search, for every event: a fifth of the samples of
 * loading a million short-lived threads.
 */
final class EventTypes {
    private static final int THREAD = 0;
    private static final int STACK = 1;
    private static final int LIMIT = 2;
    private static final int THREAD_ID = 3;

    /** In first-seen order (an event type is equal only to itself). */
    private final Map<EventType, Type> types = new LinkedHashMap<>();
    /** The type of the event being read: the one {@link #enter} was last given. */
    private Type current;

    private static final class Type {
        final EventType type;
        final EventKind kind;
        long count;
        FieldSlots slots;
        /** Nanoseconds per unit of the limit field; 0 when it is in ticks, or there is none. */
        long limitUnitNanos;

        Type(EventType type) {
            this.type = type;
            this.kind = EventKind.of(type.getName());
        }
    }

    /** Starts reading {@code event}: counts it, and returns its kind. */
    EventKind enter(RecordedEvent event) {
        EventType type = event.getEventType();
        Type known = types.get(type);
        if (known == null) {
            known = new Type(type);
            types.put(type, known);
        }
        known.count++;
        if (known.slots == null || !known.slots.fits(event)) {
            known.slots = new FieldSlots(event, "eventThread", "stackTrace", limitField(known.kind), "javaThreadId");
            known.limitUnitNanos = unitNanos(event, limitField(known.kind));
        }
        current = known;
        return known.kind;
    }

    /** As {@link RecordedEvent#getThread()}, for the event being read. */
    RecordedThread thread(RecordedEvent event) {
        return current.slots.has(THREAD) ? current.slots.getThread(event, THREAD) : null;
    }

    /** The {@code javaThreadId} field of the event being read (a virtual thread's start or end), or -1 if it has none. */
    long javaThreadId(RecordedEvent event) {
        return current.slots.has(THREAD_ID) ? current.slots.getLong(event, THREAD_ID) : -1;
    }

    /** As {@link RecordedEvent#getStackTrace()}, for the event being read. */
    RecordedStackTrace stack(RecordedEvent event) {
        return current.slots.has(STACK) ? current.slots.getStackTrace(event, STACK) : null;
    }

    /**
     * What a park ({@code timeout}) or sleep ({@code time}) being read asked for, in nanoseconds,
     * or -1 for none: an untimed park records Long.MIN_VALUE, and an old recording may lack the
     * field. Read with its unit, which changed (JDK 17 records a sleep's time in milliseconds,
     * JDK 25 in nanoseconds).
     */
    long limitNanos(RecordedEvent event) {
        if (!current.slots.has(LIMIT)) {
            return -1;
        }
        long value = current.slots.getLong(event, LIMIT);
        if (value < 0) {
            return -1;
        }
        if (current.limitUnitNanos == 0) { // in ticks: only the parser knows their length
            try {
                return event.getDuration(limitField(current.kind)).toNanos();
            } catch (ArithmeticException forever) {
                return -1;
            }
        }
        long nanos = value * current.limitUnitNanos;
        return nanos / current.limitUnitNanos == value ? nanos : -1; // overflowed: as good as forever
    }

    /** Event counts by type name, in first-seen order. */
    Map<String, Long> counts() {
        Map<String, Long> byName = new LinkedHashMap<>();
        types.values().forEach(t -> byName.merge(t.type.getName(), t.count, Long::sum));
        return byName;
    }

    private static String limitField(EventKind kind) {
        return switch (kind) {
            case PARK -> "timeout";
            case SLEEP -> "time";
            default -> "";
        };
    }

    private static long unitNanos(RecordedEvent event, String field) {
        for (ValueDescriptor descriptor : event.getFields()) {
            if (descriptor.getName().equals(field)) {
                Timespan unit = descriptor.getAnnotation(Timespan.class);
                return switch (unit == null ? Timespan.NANOSECONDS : unit.value()) {
                    case Timespan.NANOSECONDS -> 1;
                    case Timespan.MICROSECONDS -> 1_000;
                    case Timespan.MILLISECONDS -> 1_000_000;
                    case Timespan.SECONDS -> 1_000_000_000;
                    default -> 0; // ticks
                };
            }
        }
        return 0;
    }
}
