package dev.loomscope.app.findings;

import dev.loomscope.app.threads.LaneMarks;
import dev.loomscope.app.threads.ThreadsView;
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
    /** What the last analysis found, by {@link #key}: to tell which findings of a live session are new. */
    private java.util.Set<String> known = java.util.Set.of();
    private final javafx.beans.property.ReadOnlyIntegerWrapper count = new javafx.beans.property.ReadOnlyIntegerWrapper();
    /** Re-analyses a live timeline every few seconds while it grows; null when not live. */
    private javafx.animation.Timeline liveTimer;
    private long analysedVersion = -1;
    private Consumer<String> announce = text -> { };

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

    /** How many findings the last analysis gave: the Findings tab shows it. */
    public javafx.beans.property.ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** Where a live session's new findings are announced (the status bar), instead of a dialog. */
    public void announceWith(Consumer<String> announcer) {
        announce = announcer;
    }

    /** Analyses {@code shown}, the timeline now on screen. */
    public void show(Timeline shown) {
        stopLive();
        timeline = shown;
        known = java.util.Set.of();
        threads.setMarks(LaneMarks.NONE);
        analyse();
    }

    /** Shows no findings, saying {@code why} (a file still loading, nothing open); stops any analysis. */
    public void clear(String why) {
        stopLive();
        if (running != null) {
            running.cancel();
        }
        timeline = null;
        count.set(0);
        threads.setMarks(LaneMarks.NONE);
        view.clear(why);
    }

    /**
     * Keeps analysing a live timeline while it grows: every {@value #LIVE_PERIOD_SECONDS} s, off
     * the FX thread, when it changed since the last analysis and none is running. Findings that
     * were not there before are announced.
     */
    public void followLive() {
        stopLive();
        liveTimer = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(LIVE_PERIOD_SECONDS), e -> {
                    if (timeline != null && timeline.version() != analysedVersion && (running == null || running.isDone())) {
                        run(false);
                    }
                }));
        liveTimer.setCycleCount(javafx.animation.Animation.INDEFINITE);
        liveTimer.play();
    }

    /** Stops the live re-analysis (the session ended; a last analysis follows from the caller). */
    public void stopLive() {
        if (liveTimer != null) {
            liveTimer.stop();
            liveTimer = null;
        }
    }

    private static final int LIVE_PERIOD_SECONDS = 4;

    /** Runs every detector in the background over the timeline on screen. */
    public void analyse() {
        run(true);
    }

    /** {@code shown}: say "Analysing..." meanwhile (asked for), or keep the last result on screen (live). */
    private void run(boolean shown) {
        if (timeline == null) {
            return;
        }
        if (running != null) {
            running.cancel();
        }
        Timeline target = timeline;
        long version = target.version();
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
                analysedVersion = version;
                List<Finding> found = task.getValue().findings();
                view.show(task.getValue());
                count.set(found.size());
                threads.setMarks(new LaneMarks(badges(found), java.util.Set.of()));
                announceNew(found);
            }
        });
        running = task;
        if (shown) {
            view.analysing();
        }
        Thread.ofVirtual().name("loomscope-analysis").start(task);
    }

    /** Announces the findings the previous analysis of the same timeline did not have (live sessions). */
    private void announceNew(List<Finding> found) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        List<Finding> fresh = new java.util.ArrayList<>();
        for (Finding f : found) {
            if (keys.add(key(f)) && liveTimer != null && !known.contains(key(f))) {
                fresh.add(f);
            }
        }
        known = keys;
        if (!fresh.isEmpty()) {
            Finding worst = fresh.getFirst();
            announce.accept("New finding" + (fresh.size() > 1 ? "s (" + fresh.size() + ")" : "") + ": " + worst.kind()
                    + " (" + worst.severity().label() + ")" + (worst.threads().isEmpty() ? ""
                    : ", " + String.join(", ", worst.threads().subList(0, Math.min(3, worst.threads().size())))));
        }
    }

    /** What makes a finding the same one in the next analysis of a growing timeline. */
    private static String key(Finding f) {
        return f.kind() + "|" + f.site() + "|" + f.lanes().stream().limit(5).toList();
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
