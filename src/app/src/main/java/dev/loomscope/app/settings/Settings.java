package dev.loomscope.app.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Loomscope remembers between runs, as it is stored (JSON, {@link SettingsStore}).
 *
 * @param thresholds    detector thresholds the user changed, by key (docs/detectors.md)
 * @param windowMinutes how many minutes of the past a live session keeps
 * @param theme         {@code light} or {@code dark}
 * @param recentFiles   recordings opened lately, most recent first
 */
public record Settings(Map<String, Double> thresholds, int windowMinutes, String theme, List<String> recentFiles) {
    public static final int MAX_RECENT = 10;
    public static final Settings DEFAULT = new Settings(Map.of(), 10, "light", List.of());

    public Settings {
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        windowMinutes = windowMinutes <= 0 ? 10 : windowMinutes;
        theme = "dark".equals(theme) ? "dark" : "light";
        recentFiles = recentFiles == null ? List.of() : List.copyOf(recentFiles);
    }

    public Settings withThresholds(Map<String, Double> newThresholds) {
        return new Settings(newThresholds, windowMinutes, theme, recentFiles);
    }

    public Settings withTheme(String newTheme) {
        return new Settings(thresholds, windowMinutes, newTheme, recentFiles);
    }

    /** These settings with {@code file} first among the recent files. */
    public Settings withRecent(String file) {
        List<String> recent = new ArrayList<>(recentFiles);
        recent.remove(file);
        recent.addFirst(file);
        return new Settings(thresholds, windowMinutes, theme,
                recent.subList(0, Math.min(MAX_RECENT, recent.size())));
    }
}
