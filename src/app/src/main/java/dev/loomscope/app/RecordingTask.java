package dev.loomscope.app;

import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import javafx.application.Platform;
import javafx.concurrent.Task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Loads a recording off the FX thread, reporting progress and honouring Cancel ({@code isCancelled}
 * is the Task's own). The timeline is handed to {@code grew} on the FX thread each time more of it
 * is read ({@link LoadMonitor#readUpTo}, at chunk ends), at most once a pulse.
 */
final class RecordingTask extends Task<Timeline> implements LoadMonitor {
    /** How a file becomes a timeline: {@link RecordingLoader#load}, which tests may watch. */
    interface Loader {
        Timeline load(Path file, LoadMonitor monitor) throws IOException;
    }

    private final Path file;
    private final Loader loader;
    private final Consumer<Timeline> grew;
    private final AtomicReference<Timeline> grown = new AtomicReference<>();
    /** The growing timeline last handed to {@code grew}, or null (FX thread). */
    private Timeline handedOut;

    RecordingTask(Path file, Loader loader, Consumer<Timeline> grew) {
        this.file = file;
        this.loader = loader;
        this.grew = grew;
    }

    Path file() {
        return file;
    }

    /** The timeline this load has shown while it grew, or null if it showed none (FX thread). */
    Timeline handedOut() {
        return handedOut;
    }

    @Override
    protected Timeline call() throws Exception {
        return loader.load(file, this);
    }

    @Override
    public void progress(double fraction, String message) {
        updateProgress(fraction, 1);
        updateMessage(message);
    }

    @Override
    public void readUpTo(Timeline growing, long end) {
        if (grown.getAndSet(growing) == null) {
            Platform.runLater(() -> {
                Timeline timeline = grown.getAndSet(null);
                if (timeline != null && isRunning()) {
                    handedOut = timeline;
                    grew.accept(timeline);
                }
            });
        }
    }
}
