package dev.loomscope.core.threaddump;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON thread dump of a JVM ({@code jcmd <pid> Thread.dump_to_file -format=json}), JDK 21+.
 *
 * <p>It is the only source that lists virtual threads that are unmounted and blocked, with their
 * stacks: a recording holds nothing about a thread blocked forever (JFR writes park and method
 * trace events when the call returns). A live session takes one when it attaches and one when it
 * stops; ingest merges them as the known state of every thread then.
 *
 * @param time    when the dump was taken
 * @param threads every thread of every container
 */
public record ThreadDump(Instant time, List<DumpedThread> threads) {

    /**
     * One thread of the dump.
     *
     * @param tid     the Java thread id
     * @param time    when the dump reached this thread (JDK 25 writes it per thread; a dump of
     *                thousands of threads takes a while), or null: the dump's {@link ThreadDump#time()}
     * @param state   {@code Thread.State} name as the dump gives it ({@code WAITING}, {@code RUNNABLE}...)
     * @param blocker what it waits for: the monitor it is blocked on or waits in, or its park
     *                blocker, as {@code Class@hash}; or ""
     * @param owns    the monitors it holds, as {@code Class@hash}
     * @param frames  the stack, top first
     */
    public record DumpedThread(long tid, Instant time, String name, boolean virtual, String state, String blocker,
                               List<String> owns, List<Frame> frames) {
        public DumpedThread {
            owns = List.copyOf(owns);
            frames = List.copyOf(frames);
        }
    }

    /** A stack frame as the dump prints it; {@code line} is -1 when unknown. */
    public record Frame(String className, String methodName, int line) {
    }

    public ThreadDump {
        threads = List.copyOf(threads);
    }

    public static ThreadDump read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(JsonParser.parseReader(reader));
        } catch (JsonParseException | IllegalStateException | NullPointerException | NumberFormatException e) {
            throw new IOException(file + " is not a JSON thread dump: " + e.getMessage(), e);
        }
    }

    static ThreadDump parse(JsonElement json) {
        JsonObject dump = json.getAsJsonObject().getAsJsonObject("threadDump");
        Instant time = Instant.parse(dump.get("time").getAsString());
        List<DumpedThread> threads = new ArrayList<>();
        for (JsonElement container : dump.getAsJsonArray("threadContainers")) {
            JsonArray list = container.getAsJsonObject().getAsJsonArray("threads");
            if (list != null) {
                list.forEach(t -> threads.add(thread(t.getAsJsonObject())));
            }
        }
        return new ThreadDump(time, threads);
    }

    private static DumpedThread thread(JsonObject t) {
        List<Frame> frames = new ArrayList<>();
        JsonArray stack = t.getAsJsonArray("stack");
        if (stack != null) {
            stack.forEach(f -> frames.add(frame(f.getAsString())));
        }
        List<String> owns = new ArrayList<>();
        JsonArray monitors = t.getAsJsonArray("monitorsOwned");
        if (monitors != null) {
            for (JsonElement m : monitors) {
                JsonArray locks = m.getAsJsonObject().getAsJsonArray("locks");
                if (locks != null) {
                    locks.forEach(l -> owns.add(l.getAsString()));
                }
            }
        }
        Instant time = t.has("time") && !t.get("time").isJsonNull() ? Instant.parse(t.get("time").getAsString()) : null;
        return new DumpedThread(Long.parseLong(t.get("tid").getAsString()), time, text(t, "name"),
                t.has("virtual") && t.get("virtual").getAsBoolean(), text(t, "state"), blocker(t), owns, frames);
    }

    private static String blocker(JsonObject t) {
        if (t.has("blockedOn")) {
            return text(t, "blockedOn");
        }
        if (t.has("waitingOn")) {
            return text(t, "waitingOn");
        }
        JsonElement park = t.get("parkBlocker");
        return park != null && park.isJsonObject() ? text(park.getAsJsonObject(), "object") : "";
    }

    /** Parses {@code module/pkg.Class.method(File.java:12)}; the module part is optional. */
    static Frame frame(String text) {
        int paren = text.indexOf('(');
        String qualified = paren < 0 ? text : text.substring(0, paren);
        int slash = qualified.lastIndexOf('/');
        if (slash >= 0) {
            qualified = qualified.substring(slash + 1);
        }
        int dot = qualified.lastIndexOf('.');
        String cls = dot < 0 ? "" : qualified.substring(0, dot);
        String method = dot < 0 ? qualified : qualified.substring(dot + 1);
        int line = -1;
        if (paren >= 0) {
            int colon = text.lastIndexOf(':');
            int close = text.lastIndexOf(')');
            if (colon > paren && close > colon) {
                try {
                    line = Integer.parseInt(text.substring(colon + 1, close));
                } catch (NumberFormatException e) {
                    line = -1;
                }
            }
        }
        return new Frame(cls, method, line);
    }

    private static String text(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }
}
