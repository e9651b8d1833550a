package dev.loomscope.app;

import dev.loomscope.core.export.ExportScope;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A link to what is on screen: a recording, a time range and, optionally, the thread and instant
 * selected. {@code loomscope://open?file=/abs/x.jfr&range=0.5:1.25&thread=pipeline-sink&at=0.8}:
 * times in seconds since the recording start, as {@code loomscope render --range} takes them. The
 * app opens it (File > Open link, or as its argument) and so does {@code loomscope render}.
 *
 * @param file the recording
 * @param from start of the range, nanoseconds since the recording start
 * @param to end of the range
 * @param thread the selected thread's name, or null
 * @param at the selected instant (nanoseconds since the recording start), meaningful with a thread
 */
public record ViewLink(Path file, long from, long to, String thread, long at) {
    private static final String PREFIX = "loomscope://open?";

    /** Whether {@code text} looks like a link, not a file name. */
    public static boolean isLink(String text) {
        return text.strip().startsWith("loomscope:");
    }

    public String format() {
        StringBuilder link = new StringBuilder(PREFIX).append("file=").append(encode(file.toAbsolutePath().toString()))
                .append("&range=").append(seconds(from)).append(':').append(seconds(to));
        if (thread != null) {
            link.append("&thread=").append(encode(thread)).append("&at=").append(seconds(at));
        }
        return link.toString();
    }

    /** Reads a link; a malformed one is an IllegalArgumentException that says what a link looks like. */
    public static ViewLink parse(String text) {
        String link = text.strip();
        if (!link.startsWith(PREFIX)) {
            throw malformed(link, "it does not start with " + PREFIX);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : link.substring(PREFIX.length()).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw malformed(link, "'" + pair + "' is not key=value");
            }
            fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String file = fields.get("file");
        String range = fields.get("range");
        if (file == null || file.isEmpty() || range == null) {
            throw malformed(link, "it needs a file and a range");
        }
        long[] fromTo;
        try {
            fromTo = ExportScope.parseRange(range);
        } catch (IllegalArgumentException e) {
            throw malformed(link, "its range is not FROM:TO in seconds");
        }
        String thread = fields.get("thread");
        long at = fromTo[0];
        if (thread != null && fields.containsKey("at")) {
            try {
                at = Math.round(Double.parseDouble(fields.get("at")) * 1e9);
            } catch (NumberFormatException e) {
                throw malformed(link, "its 'at' is not a time in seconds");
            }
        }
        return new ViewLink(Path.of(file), fromTo[0], fromTo[1], thread, at);
    }

    private static IllegalArgumentException malformed(String link, String why) {
        return new IllegalArgumentException("Not a Loomscope link (" + why + "): " + link
                + ". A link looks like " + PREFIX + "file=/path/to/recording.jfr&range=0.5:1.25");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Exact nanoseconds as seconds with nine decimals. */
    private static String seconds(long nanos) {
        return String.format("%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }
}
