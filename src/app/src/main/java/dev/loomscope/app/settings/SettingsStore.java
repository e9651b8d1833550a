package dev.loomscope.app.settings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Keeps {@link Settings} in {@code settings.json} in the user's config folder
 * ({@code $XDG_CONFIG_HOME/loomscope}, else {@code ~/.config/loomscope}; {@code loomscope.config}
 * overrides). A file that cannot be read is moved aside, reported and replaced by the defaults:
 * never fatal.
 */
public final class SettingsStore {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final Path file;
    private Settings settings = Settings.DEFAULT;
    private String problem = "";

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The store in the user's config folder. */
    public static SettingsStore forUser() {
        String override = System.getProperty("loomscope.config");
        if (override != null) {
            return new SettingsStore(Path.of(override).resolve("settings.json"));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new SettingsStore(base.resolve("loomscope").resolve("settings.json"));
    }

    public Path file() {
        return file;
    }

    /** Reads the file (defaults if there is none); a damaged one is moved aside and {@link #problem()} says so. */
    public Settings load() {
        problem = "";
        if (!Files.exists(file)) {
            settings = Settings.DEFAULT;
            return settings;
        }
        try (Reader in = Files.newBufferedReader(file)) {
            Settings read = GSON.fromJson(in, Settings.class);
            if (read == null) {
                throw new JsonParseException("the file is empty");
            }
            settings = new Settings(read.thresholds(), read.windowMinutes(), read.theme(), read.recentFiles());
        } catch (IOException | JsonParseException | IllegalStateException e) {
            Path aside = file.resolveSibling("settings.json.damaged-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                aside = null;
            }
            problem = "Your settings file " + file + " could not be read (" + e.getMessage() + "); Loomscope "
                    + "starts with default settings" + (aside == null ? "." : " and kept the damaged file as " + aside + ".");
            settings = Settings.DEFAULT;
            save(settings);
        }
        return settings;
    }

    public Settings settings() {
        return settings;
    }

    /** What went wrong loading, for the user, or "". */
    public String problem() {
        return problem;
    }

    /** Saves {@code updated}; a failure to write is reported in {@link #problem()}, never thrown. */
    public void save(Settings updated) {
        settings = updated;
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("settings.json.tmp");
            try (Writer out = Files.newBufferedWriter(temp)) {
                GSON.toJson(updated, out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            problem = "Your settings could not be saved to " + file + ": " + e.getMessage();
        }
    }
}
