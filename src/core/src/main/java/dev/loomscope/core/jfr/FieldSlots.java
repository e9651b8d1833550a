package dev.loomscope.core.jfr;

import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedThread;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Reads fields of one event type by position instead of by name. JFR's consumer API finds a field
 * by name with a linear search over the event's fields; the agent's batched runs have about a
 * hundred, and reading a run's six fields by name cost ten times parsing it (2.1 M runs: 2.7 s of
 * lookups against 0.2 s of parsing, measured 2026-12-04). When {@code jdk.jfr} is opened to
 * Loomscope ({@value #OPEN}: the launcher, the installed app and the tests pass it), each field's
 * position is found once per event type and read there; otherwise by name, as before.
 */
final class FieldSlots {
    static final String OPEN = "--add-opens jdk.jfr/jdk.jfr.consumer=ALL-UNNAMED";
    /** {@code RecordedObject.objectAt(int)}: the value at a position of {@code getFields()}. */
    private static final MethodHandle VALUE_AT = valueAt();

    private final EventType type;
    private final String[] names;
    private final int[] positions;

    /** Slots for {@code names} in {@code type}; a name the type lacks reads as absent. */
    FieldSlots(EventType type, String... names) {
        this.type = type;
        this.names = names;
        this.positions = new int[names.length];
        List<ValueDescriptor> fields = type.getFields();
        for (int slot = 0; slot < names.length; slot++) {
            positions[slot] = -1;
            for (int p = 0; p < fields.size(); p++) {
                if (fields.get(p).getName().equals(names[slot])) {
                    positions[slot] = p;
                }
            }
        }
    }

    /** Whether fields are read by position (else by name: {@value #OPEN} was not given). */
    static boolean byPosition() {
        return VALUE_AT != null;
    }

    /** Whether these slots were made for the type of {@code event} (the parser shares type objects). */
    boolean fits(RecordedEvent event) {
        return event.getEventType() == type;
    }

    boolean has(int slot) {
        return positions[slot] >= 0;
    }

    long getLong(RecordedEvent event, int slot) {
        if (VALUE_AT == null) {
            return event.getLong(names[slot]);
        }
        return value(event, slot) instanceof Number n ? n.longValue() : 0;
    }

    RecordedThread getThread(RecordedEvent event, int slot) {
        if (VALUE_AT == null) {
            return event.getThread(names[slot]);
        }
        return value(event, slot) instanceof RecordedThread t ? t : null;
    }

    private Object value(RecordedEvent event, int slot) {
        try {
            return (Object) VALUE_AT.invokeExact((RecordedObject) event, positions[slot]);
        } catch (Throwable e) {
            throw new IllegalStateException("reading field " + names[slot] + " of " + type.getName(), e);
        }
    }

    private static MethodHandle valueAt() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(RecordedObject.class, MethodHandles.lookup());
            return lookup.findVirtual(RecordedObject.class, "objectAt", MethodType.methodType(Object.class, int.class));
        } catch (ReflectiveOperationException | IllegalAccessError | SecurityException e) {
            return null; // not opened to us (or another JDK's internals): read by name
        }
    }
}
