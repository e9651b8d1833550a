package dev.loomscope.core.jfr;

import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Reads fields of one event type (or one type of value, a thread) by position instead of by name.
 * JFR's consumer API finds a field by name with a linear search over the event's fields; the
 * agent's batched runs have about a hundred, and reading a run's six fields by name cost ten times
 * parsing it (2.1 M runs: 2.7 s of lookups against 0.2 s of parsing, measured 2026-12-04). When
 * {@code jdk.jfr} is opened to Loomscope ({@value #OPEN}: the launcher, the installed app and the
 * tests pass it), each field's position is found once per type and read there; otherwise by name.
 */
final class FieldSlots {
    static final String OPEN = "--add-opens jdk.jfr/jdk.jfr.consumer=ALL-UNNAMED";
    /** {@code RecordedObject.objectAt(int)}: the value at a position of {@code getFields()}. */
    private static final MethodHandle VALUE_AT = valueAt();

    /** The parser's field list of the type, shared by all its values of a chunk: what {@link #fits} compares. */
    private final List<ValueDescriptor> fields;
    private final String[] names;
    private final int[] positions;

    /** Slots for {@code names} in the type of {@code sample}; a name the type lacks reads as absent. */
    FieldSlots(RecordedObject sample, String... names) {
        this.fields = sample.getFields();
        this.names = names;
        this.positions = new int[names.length];
        for (int slot = 0; slot < names.length; slot++) {
            positions[slot] = -1;
            for (int p = 0; p < fields.size(); p++) {
                if (fields.get(p).getName().equals(names[slot])) {
                    positions[slot] = p;
                }
            }
        }
    }

    /** The names of numbered fields, {@code count} of each prefix: p0..p{count-1} for each p in turn. */
    static String[] numbered(int count, String... prefixes) {
        String[] names = new String[prefixes.length * count];
        for (int kind = 0; kind < prefixes.length; kind++) {
            for (int i = 0; i < count; i++) {
                names[kind * count + i] = prefixes[kind] + i;
            }
        }
        return names;
    }

    /** Whether fields are read by position (else by name: {@value #OPEN} was not given). */
    static boolean byPosition() {
        return VALUE_AT != null;
    }

    /** Whether these slots were made for the type of {@code value} (the parser shares its field list). */
    boolean fits(RecordedObject value) {
        return value.getFields() == fields;
    }

    boolean has(int slot) {
        return positions[slot] >= 0;
    }

    long getLong(RecordedObject value, int slot) {
        if (VALUE_AT == null) {
            return value.getLong(names[slot]);
        }
        return value(value, slot) instanceof Number n ? n.longValue() : 0;
    }

    /** A string field, or null (as {@code getString} has it). */
    String getString(RecordedObject value, int slot) {
        if (VALUE_AT == null) {
            return value.getString(names[slot]);
        }
        return value(value, slot) instanceof String text ? text : null;
    }

    boolean getBoolean(RecordedObject value, int slot) {
        if (VALUE_AT == null) {
            return value.getBoolean(names[slot]);
        }
        return value(value, slot) instanceof Boolean b && b;
    }

    RecordedThread getThread(RecordedObject value, int slot) {
        if (VALUE_AT == null) {
            return value.getThread(names[slot]);
        }
        return value(value, slot) instanceof RecordedThread t ? t : null;
    }

    RecordedStackTrace getStackTrace(RecordedObject value, int slot) {
        if (VALUE_AT == null) {
            return value.getValue(names[slot]);
        }
        return value(value, slot) instanceof RecordedStackTrace t ? t : null;
    }

    private Object value(RecordedObject value, int slot) {
        try {
            return (Object) VALUE_AT.invokeExact(value, positions[slot]);
        } catch (Throwable e) {
            throw new IllegalStateException("reading field " + names[slot] + " by position", e);
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
