package dev.loomscope.core.capture;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of a capture is kept on disk, JFR's {@code maxsize} and {@code maxage}: past either the
 * oldest data goes first, so a day-long capture cannot fill a disk. Zero means no bound.
 *
 * @param maxBytes the most bytes kept, 0 for no bound
 * @param maxAge   the oldest data kept, {@link Duration#ZERO} for no bound
 */
public record RecordingLimits(long maxBytes, Duration maxAge) {
    /** Keeps everything. */
    public static final RecordingLimits NONE = new RecordingLimits(0, Duration.ZERO);
    /**
     * What {@code loomscope record} and a live session keep unless told: the newest gigabyte (JFR
     * itself would silently keep 250 MB, a quarter of a minute of the full capture of a busy service).
     */
    public static final RecordingLimits DEFAULT = NONE.withMaxBytes(1L << 30);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(k|kb|m|mb|g|gb)?", Pattern.CASE_INSENSITIVE);

    public RecordingLimits {
        if (maxBytes < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("limits cannot be negative: " + maxBytes + " bytes, " + maxAge);
        }
    }

    /** These limits with at most {@code bytes} kept. */
    public RecordingLimits withMaxBytes(long bytes) {
        return new RecordingLimits(bytes, maxAge);
    }

    /** These limits with nothing older than {@code age} kept. */
    public RecordingLimits withMaxAge(Duration age) {
        return new RecordingLimits(maxBytes, age);
    }

    public boolean bounded() {
        return maxBytes > 0 || !maxAge.isZero();
    }

    /**
     * The options of {@code -XX:StartFlightRecording} and {@code JFR.start} for these limits, each
     * after a comma. {@code maxsize} is always given: without it JFR keeps 250 MB and says so only
     * in its log.
     */
    public String jfrOptions() {
        StringBuilder options = new StringBuilder(",maxsize=").append(maxBytes);
        if (!maxAge.isZero()) {
            options.append(",maxage=").append(Math.max(1, maxAge.toSeconds())).append('s');
        }
        return options.toString();
    }

    /** "500m", "2g", "750MB", "1048576": a size in bytes; k, m and g are powers of 1024. */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a size is a number and a unit: 500m, 2g, 750MB (not '" + text + "')");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "k", "kb" -> n << 10;
            case "m", "mb" -> n << 20;
            case "g", "gb" -> n << 30;
            default -> n;
        };
    }

    /** As a person would say it: "1 GB", "500 MB, 2 h". */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (maxBytes > 0) {
            text.append(maxBytes % (1L << 30) == 0 ? maxBytes / (1L << 30) + " GB" : maxBytes / (1L << 20) + " MB");
        }
        if (!maxAge.isZero()) {
            text.append(text.isEmpty() ? "" : ", ").append(maxAge.toMinutes() >= 60 && maxAge.toMinutes() % 60 == 0
                    ? maxAge.toHours() + " h" : maxAge.toSeconds() + " s");
        }
        return text.isEmpty() ? "everything" : text.toString();
    }
}
