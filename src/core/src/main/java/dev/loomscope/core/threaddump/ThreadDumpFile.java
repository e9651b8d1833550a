package dev.loomscope.core.threaddump;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The thread dumps of a session, saved beside its recording as {@code <name>.jfr.threads.json}:
 * a recording cannot hold them, and without them a thread blocked forever shows no site.
 */
public final class ThreadDumpFile {
    /**
     * Made on first use, not when {@link #besides} is asked: opening any recording asks where its
     * dumps would be, and most have none (making a Gson loads about 120 classes: 35 ms of a
     * {@code loomscope summary}).
     */
    private static final class Json {
        static final Gson GSON = new GsonBuilder().setPrettyPrinting()
                .registerTypeAdapter(Instant.class, new InstantAdapter()).create();
    }

    /** The file's content. */
    record Content(String format, List<ThreadDump> threadDumps) {
    }

    private ThreadDumpFile() {
    }

    /** Where the thread dumps of {@code recording} are kept. */
    public static Path besides(Path recording) {
        return recording.resolveSibling(recording.getFileName() + ".threads.json");
    }

    public static void write(Path file, List<ThreadDump> dumps) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            Json.GSON.toJson(new Content("loomscope-thread-dumps-1", List.copyOf(dumps)), out);
        }
    }

    public static List<ThreadDump> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            Content content = Json.GSON.fromJson(in, Content.class);
            if (content == null || content.threadDumps() == null) {
                throw new IOException(file + " holds no thread dumps");
            }
            return content.threadDumps();
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a Loomscope thread dump file: " + e.getMessage(), e);
        }
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            return Instant.parse(in.nextString());
        }
    }
}
