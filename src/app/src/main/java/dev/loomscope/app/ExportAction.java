package dev.loomscope.app;

import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.export.ExportScope;
import dev.loomscope.core.export.SpanCsv;
import dev.loomscope.core.export.TraceEvents;
import dev.loomscope.core.model.Timeline;
import javafx.concurrent.Task;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * File > Export: the time range on screen, as trace-event JSON for Perfetto UI or as CSV (by the
 * file's extension), written in the background under the timeline's read lock, as
 * {@code loomscope export} writes it.
 */
final class ExportAction {
    private ExportAction() {
    }

    /** Asks where; null when the user cancelled. */
    static Path choose(Window owner, String recordingName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the range on screen");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Trace for Perfetto UI / chrome://tracing (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("Spans, one a line (*.csv)", "*.csv"));
        String base = recordingName.replaceAll(".*[/\\\\]", "").replaceFirst("\\.jfr$", "");
        chooser.setInitialFileName((base.isBlank() ? "recording" : base) + ".json");
        File file = chooser.showSaveDialog(owner);
        return file == null ? null : file.toPath();
    }

    /** A task that writes the viewport's range of {@code timeline} to {@code file}; its value says what was written. */
    static Task<String> task(Timeline timeline, Viewport viewport, Path file) {
        ExportScope scope = new ExportScope(Math.max(0, viewport.from()), Math.max(viewport.from() + 1, viewport.to()), null);
        return new Task<>() {
            @Override
            protected String call() throws IOException {
                timeline.readLock().lock();
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    if (file.toString().endsWith(".csv")) {
                        return String.format("Exported %,d spans to %s", SpanCsv.write(timeline, scope, out), file.getFileName());
                    }
                    TraceEvents.Written w = TraceEvents.write(timeline, scope, out);
                    return String.format("Exported %,d spans and %,d carrier runs to %s: open it in Perfetto UI "
                            + "(ui.perfetto.dev) or chrome://tracing", w.spans(), w.carrierRuns(), file.getFileName());
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(file);
                    throw e;
                } finally {
                    timeline.readLock().unlock();
                }
            }
        };
    }
}
