package dev.loomscope.app.findings;

import dev.loomscope.app.timeline.LaneMarks;
import dev.loomscope.app.timeline.ThreadsView;
import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Detectors;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.model.Timeline;
import javafx.concurrent.Task;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the detectors for the window: after a recording is opened, when asked again, when
 * thresholds change; shows the result in the {@link FindingsView}, badges the lanes, and shows a
 * selected finding's evidence in the Threads view.
 */
public final class FindingsController {
    private final FindingsView view = new FindingsView();
    private final ThreadsView threads;
    private final Detectors.Loaded detectors;
    private final Supplier<Window> window;
    private Map<String, Double> settings = new HashMap<>();
    private Timeline timeline;
    private Task<Analysis.Result> running;

    private final Consumer<Map<String, Double>> onSettings;

    /**
     * @param pluginsDir  where plugin jars are, or null
     * @param onEvidence  called with a finding the user selected, before its evidence is shown
     * @param onSettings  called with the thresholds the user set in the dialog, to keep them
     */
    public FindingsController(ThreadsView threads, Path pluginsDir, Supplier<Window> window, Consumer<Finding> onEvidence,
                              Consumer<Map<String, Double>> onSettings) {
        this.threads = threads;
        this.window = window;
        this.onSettings = onSettings;
        this.detectors = Detectors.load(pluginsDir);
        view.rerunButton().setOnAction(e -> analyse());
        view.thresholdsButton().setOnAction(e -> editThresholds());
        view.selectedProperty().addListener((o, a, finding) -> {
            if (finding != null) {
                onEvidence.accept(finding);
                threads.showEvidence(finding.startNanos(), finding.endNanos(), finding.lanes());
            }
        });
    }

    public FindingsView view() {
        return view;
    }

    /** The detectors in use and the plugin jars looked at, for the Plugins dialog. */
    public Detectors.Loaded detectors() {
        return detectors;
    }

    /** The user's thresholds (only those that differ from the defaults). */
    public Map<String, Double> settings() {
        return Map.copyOf(settings);
    }

    /** Uses these thresholds (the settings file's) from the next analysis on. */
    public void useSettings(Map<String, Double> thresholds) {
        settings = new HashMap<>(thresholds);
    }

    /** Sets the thresholds the user chose, keeps them, and analyses again. */
    public void setSettings(Map<String, Double> newSettings) {
        useSettings(newSettings);
        onSettings.accept(Map.copyOf(settings));
        analyse();
    }

    /** Analyses {@code shown}, the timeline now on screen. */
    public void show(Timeline shown) {
        timeline = shown;
        threads.setMarks(LaneMarks.NONE);
        analyse();
    }

    /** Runs every detector in the background over the timeline on screen. */
    public void analyse() {
        if (timeline == null) {
            return;
        }
        if (running != null) {
            running.cancel();
        }
        Timeline target = timeline;
        Map<String, Double> using = Map.copyOf(settings);
        List<Detector> all = detectors.detectors();
        Task<Analysis.Result> task = new Task<>() {
            @Override
            protected Analysis.Result call() {
                return Analysis.run(target, using, all);
            }
        };
        task.setOnSucceeded(e -> {
            if (target == timeline) {
                view.show(task.getValue());
                threads.setMarks(new LaneMarks(badges(task.getValue().findings()), java.util.Set.of()));
            }
        });
        running = task;
        view.analysing();
        Thread.ofVirtual().name("loomscope-analysis").start(task);
    }

    private void editThresholds() {
        ThresholdsDialog.edit(window.get(), detectors.detectors(), settings).ifPresent(this::setSettings);
    }

    private static Map<Integer, Severity> badges(List<Finding> findings) {
        Map<Integer, Severity> badges = new HashMap<>();
        for (Finding f : findings) {
            for (int lane : f.lanes()) {
                badges.merge(lane, f.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return badges;
    }
}
