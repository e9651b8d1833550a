package dev.loomscope.core.detect;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A setting of a detector a user may change.
 *
 * @param key          its name in settings files and on the command line, {@code detector.setting}
 * @param label        what it is, for the settings dialog
 * @param defaultValue the value when nobody set one
 * @param unit         {@code ms}, {@code %} or {@code count}
 */
@API(status = STABLE, since = "0.1")
public record Threshold(String key, String label, double defaultValue, String unit) {
    /**
     * Reads a user's {@code KEY=VALUE} (as {@code analyze --set} and {@code @CheckConcurrency} take
     * it) into {@code settings}; a malformed one is an IllegalArgumentException saying what is
     * expected.
     */
    public static void assign(String assignment, java.util.Map<String, Double> settings) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("a threshold is KEY=VALUE, e.g. leak.minStuckMs=10000 (not '"
                    + assignment + "')");
        }
        try {
            settings.put(assignment.substring(0, eq).strip(), Double.parseDouble(assignment.substring(eq + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(assignment + ": the value must be a number");
        }
    }
}
