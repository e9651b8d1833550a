package dev.loomscope.app.compare;

import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detectors;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.diff.RecordingDiff;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import javafx.concurrent.Task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads the second recording and compares the two with every built-in detector, off the FX thread. */
public final class CompareTask extends Task<Comparison> {
    private final Timeline before;
    private final String beforeName;
    private final Path afterFile;

    public CompareTask(Timeline before, String beforeName, Path afterFile) {
        this.before = before;
        this.beforeName = beforeName;
        this.afterFile = afterFile;
    }

    @Override
    protected Comparison call() throws Exception {
        updateMessage("Reading " + afterFile.getFileName());
        Timeline after = RecordingLoader.load(afterFile, LoadMonitor.NONE);
        updateMessage("Comparing");
        RecordingDiff diff = RecordingDiff.of(before, findings(before), after, findings(after));
        return new Comparison(before, beforeName, after, afterFile.getFileName().toString(), diff);
    }

    private static List<Finding> findings(Timeline timeline) {
        return Analysis.run(timeline, Map.of(), Detectors.builtIn()).findings();
    }
}
