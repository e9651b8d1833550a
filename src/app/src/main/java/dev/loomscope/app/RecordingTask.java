package dev.loomscope.app;

import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import javafx.concurrent.Task;

import java.nio.file.Path;

/** Loads a recording off the FX thread, reporting progress and honouring Cancel ({@code isCancelled} is the Task's own). */
final class RecordingTask extends Task<Timeline> implements LoadMonitor {
    private final Path file;

    RecordingTask(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    @Override
    protected Timeline call() throws Exception {
        return RecordingLoader.load(file, this);
    }

    @Override
    public void progress(double fraction, String message) {
        updateProgress(fraction, 1);
        updateMessage(message);
    }
}
