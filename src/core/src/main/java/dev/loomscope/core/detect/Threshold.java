package dev.loomscope.core.detect;

/**
 * A setting of a detector a user may change.
 *
 * @param key          its name in settings files and on the command line, {@code detector.setting}
 * @param label        what it is, for the settings dialog
 * @param defaultValue the value when nobody set one
 * @param unit         {@code ms}, {@code %} or {@code count}
 */
public record Threshold(String key, String label, double defaultValue, String unit) {
}
