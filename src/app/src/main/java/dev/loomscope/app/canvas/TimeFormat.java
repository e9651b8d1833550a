package dev.loomscope.app.canvas;

/** Durations and instants as people read them: "1.25 s", "340 µs", with sensible precision. */
public final class TimeFormat {
    private TimeFormat() {
    }

    /** A duration in the largest unit that keeps it at or above 1. */
    public static String duration(long nanos) {
        double abs = Math.abs(nanos);
        if (abs >= 1e9) {
            return trim(nanos / 1e9) + " s";
        }
        if (abs >= 1e6) {
            return trim(nanos / 1e6) + " ms";
        }
        if (abs >= 1e3) {
            return trim(nanos / 1e3) + " µs";
        }
        return nanos + " ns";
    }

    /** An instant of the timeline, as an offset from the recording start. */
    public static String instant(long nanos) {
        return duration(nanos);
    }

    private static String trim(double value) {
        String text = value >= 100 ? String.format("%.1f", value) : String.format("%.3f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text;
    }
}
