package dev.loomscope.app;

import dev.loomscope.app.compare.CompareTask;
import dev.loomscope.app.compare.CompareWindow;
import dev.loomscope.app.carriers.CarriersView;
import dev.loomscope.app.channels.ChannelsView;
import dev.loomscope.app.futures.FuturesView;
import dev.loomscope.app.findings.FindingsController;
import dev.loomscope.app.live.AttachDialog;
import dev.loomscope.app.live.LiveControls;
import dev.loomscope.app.settings.Settings;
import dev.loomscope.app.settings.SettingsStore;
import dev.loomscope.app.threads.ThreadsView;
import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.capture.AgentJar;
import dev.loomscope.core.jfr.HeapAdvice;
import dev.loomscope.core.jfr.LoadCancelledException;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.image.Image;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The main window: menu and toolbar, the welcome page until something is shown, then the
 * {@link Workspace} (the timeline tabs over one shared {@link Viewport}), and the status bar. Problems are
 * shown in a banner in the window, never only in a log; a failed open keeps what was on screen.
 * Settings (thresholds, live window, theme, recent files) are loaded at start and saved as they
 * change.
 */
public final class MainWindow {
    private final Stage stage;
    private final SettingsStore store;
    private final Viewport viewport = new Viewport();
    private final ThreadsView threads = new ThreadsView(viewport);
    private final TextField filter = new TextField();
    /** The file on screen (null for a live session), and the comparison window opened last. */
    private Path shownFile;
    private CompareWindow comparison;
    private final Label laneCount = new Label();
    private final Banner banner = new Banner();
    private final StatusBar statusBar = new StatusBar();
    private final BorderPane root = new BorderPane();
    private final Workspace workspace;
    private final WelcomePane welcome;
    private final LiveControls live;
    private final FindingsController findings;
    private Settings settings;
    private Timeline timeline;
    private Process demoTarget;
    private RecordingTask.Loader loader = RecordingLoader::load;
    /** The file load started last, and what was on screen before it: what it puts back if it fails. */
    private RecordingTask loading;
    private Screen beforeLoading;

    public MainWindow(Stage stage) {
        this(stage, SettingsStore.forUser());
    }

    MainWindow(Stage stage, SettingsStore store) {
        this.stage = stage;
        this.store = store;
        this.settings = store.load();
        this.live = new LiveControls(new LiveHost(), viewport);
        live.setWindow(Duration.ofMinutes(settings.windowMinutes()));
        this.findings = new FindingsController(threads, Distribution.plugins(), () -> stage, this::showEvidence,
                thresholds -> saveSettings(settings.withThresholds(thresholds)));
        findings.useSettings(settings.thresholds());
        // The filter is cleared before a jump to the Threads tab: the lane jumped to must be shown.
        this.workspace = new Workspace(viewport, threads, findings.view(), filter::clear);
        workspace.countFindings(findings.countProperty());
        findings.announceWith(statusBar::say);
        this.welcome = new WelcomePane(this::chooseFile, this::chooseJvm, this::runDemo, this::open);
        welcome.showRecent(settings.recentFiles());

        root.setTop(new VBox(MainMenu.of(this, "dark".equals(settings.theme())), toolBar(), banner));
        root.setCenter(welcome);
        root.setBottom(statusBar);

        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource("loomscope.css").toExternalForm());
        acceptDroppedFiles(scene);
        // A filter, not a handler: containers such as the tab pane take Home/End and the arrows
        // for themselves on the way back up.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!(scene.getFocusOwner() instanceof TextInputControl)) {
                workspace.handleKey(e);
            }
        });
        stage.setScene(scene);
        stage.setTitle("Loomscope");
        stage.getIcons().add(new Image(
                MainWindow.class.getResource("loomscope.png").toExternalForm()));
        setDarkTheme("dark".equals(settings.theme()));
        if (!store.problem().isEmpty()) {
            banner.show("warning", store.problem());
        }
    }

    public Stage stage() {
        return stage;
    }

    public ThreadsView threadsView() {
        return threads;
    }

    public CarriersView carriersView() {
        return workspace.carriers();
    }

    public ChannelsView channelsView() {
        return workspace.channels();
    }

    public FuturesView futuresView() {
        return workspace.futures();
    }

    private void showEvidence(dev.loomscope.core.detect.Finding finding) {
        workspace.showEvidence(finding);
    }

    public FindingsController findings() {
        return findings;
    }

    public LiveControls live() {
        return live;
    }

    /** The recording on screen, or null. */
    public Timeline timeline() {
        return timeline;
    }

    /** The settings in use (as last saved). */
    public Settings settings() {
        return settings;
    }

    /** Ends what the window started: a live session, the demo's sample app. */
    public void shutdown() {
        live.stopAndForget();
        if (demoTarget != null) {
            demoTarget.destroyForcibly();
        }
    }

    /** Loads recordings with {@code watched} from now on: a test's view of a load under way. */
    void loadWith(RecordingTask.Loader watched) {
        loader = watched;
    }

    /**
     * Loads a recording in the background; the current one stays until the new one's first chunk
     * is read, then the new one is shown as it grows. A failed or cancelled load puts back what
     * was on screen.
     */
    public void open(Path file) {
        open(file, () -> { });
    }

    /**
     * Opens what a link names ({@link ViewLink}): its recording, then its range and selection. A
     * malformed link is said in the banner.
     */
    public void openLink(String text) {
        ViewLink link;
        try {
            link = ViewLink.parse(text);
        } catch (IllegalArgumentException e) {
            banner.show("error", e.getMessage());
            return;
        }
        open(link.file(), () -> LinkActions.apply(link, threads));
    }

    /** A link to the recording, range and selection on screen; empty when what is shown has no file (live). */
    public Optional<ViewLink> linkToView() {
        if (timeline == null || shownFile == null) {
            return Optional.empty();
        }
        return Optional.of(LinkActions.linkTo(shownFile, timeline, threads));
    }

    void copyLink() {
        LinkActions.copy(this, statusBar, banner);
    }

    void chooseLink() {
        LinkActions.ask(this);
    }

    private void open(Path file, Runnable then) {
        live.stopAndForget();
        // Opened over a file still loading (whose load this one cancels): put back what was before that.
        boolean growingShown = loading != null && loading.isRunning() && timeline != null
                && timeline == loading.handedOut();
        Screen before = growingShown ? beforeLoading : new Screen(timeline, stage.getTitle(), shownFile);
        RecordingTask task = new RecordingTask(file, loader, grown -> showGrowing(grown, file));
        loading = task;
        beforeLoading = before;
        task.setOnSucceeded(e -> {
            show(task.getValue(), file);
            then.run();
        });
        task.setOnFailed(e -> {
            restore(before, task);
            failed("Could not open " + file.getFileName(), task.getException());
        });
        task.setOnCancelled(e -> restore(before, task));
        banner.hide();
        statusBar.run(task, "Opening " + file.getFileName());
    }

    /** What was on screen before a file began to load: put back if the load fails or is cancelled. */
    private record Screen(Timeline timeline, String title, Path file) {
    }

    /**
     * More of the file being opened was read: it is shown from its first chunk on, and grows as
     * a live session does; the findings wait for the whole file.
     */
    private void showGrowing(Timeline grown, Path file) {
        if (grown != timeline) {
            display(grown, file.getFileName() + " (loading)");
            shownFile = null; // no link to a view of a file half read
            findings.clear("Findings come when the whole recording is read.");
        } else {
            refreshShown();
        }
        viewport.grow(grown.durationNanos());
    }

    private void restore(Screen before, RecordingTask stopped) {
        if (stopped.handedOut() == null || timeline != stopped.handedOut()) {
            return; // nothing of its file is on screen (or another file's load replaced it)
        }
        if (before.timeline() == null) {
            timeline = null;
            threads.setTimeline(null);
            workspace.setTimeline(null);
            findings.clear("");
            root.setCenter(welcome);
        } else {
            display(before.timeline(), "");
            findings.show(before.timeline());
        }
        shownFile = before.file();
        stage.setTitle(before.title());
        updateLaneCount();
    }

    /** Starts the bundled sample app and attaches to it live, with the agent when there is one. */
    public void runDemo() {
        Demo demo = new Demo();
        demo.setOnSucceeded(e -> {
            demoTarget = demo.getValue();
            live.attach(demoTarget.pid(), "the pipeline sample app", AgentJar.locate().orElse(null), "level=full");
        });
        demo.setOnFailed(e -> failed("The demo could not run", demo.getException()));
        banner.hide();
        statusBar.run(demo, "Starting the demo");
    }

    /** Opens the list of local JVMs; the one chosen is attached to live. */
    public void chooseJvm() {
        new AttachDialog(stage, (jvm, agent) -> live.attach(jvm.pid(), jvm.displayName(), agent.jar(), agent.options())).show();
    }

    void chooseFile() {
        chooseRecording("Open a JFR recording").ifPresent(this::open);
    }

    private Optional<Path> chooseRecording(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JFR recordings", "*.jfr"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return Optional.ofNullable(chooser.showOpenDialog(stage)).map(File::toPath);
    }

    /**
     * Opens {@code other} beside the recording on screen, on one relative time axis, with what
     * changed (as {@code loomscope diff}); the window it opens is returned through {@link #lastComparison()}.
     */
    public void compareWith(Path other) {
        if (timeline == null) {
            banner.show("info", "Open a recording first, then compare another with it.");
            return;
        }
        String name = shownFile != null ? shownFile.getFileName().toString() : stage.getTitle().replace("Loomscope - ", "");
        CompareTask task = new CompareTask(timeline, name, other);
        task.setOnSucceeded(e -> {
            comparison = new CompareWindow(stage, task.getValue(), stage.getScene().getStylesheets(), canvasTheme());
            comparison.show();
            statusBar.say("Compared " + name + " with " + other.getFileName());
        });
        task.setOnFailed(e -> failed("Could not compare with " + other.getFileName(), task.getException()));
        statusBar.run(task, "Comparing with " + other.getFileName());
    }

    /** The comparison window opened last, or null. */
    public CompareWindow lastComparison() {
        return comparison;
    }

    void chooseCompare() {
        chooseRecording("Compare with another JFR recording").ifPresent(this::compareWith);
    }

    /** Writes the range on screen to {@code file}: Perfetto JSON, or CSV for a .csv name. */
    public void export(Path file) {
        if (timeline == null) {
            banner.show("info", "Open a recording first: there is nothing to export.");
            return;
        }
        Task<String> task = ExportAction.task(timeline, viewport, file);
        task.setOnSucceeded(e -> statusBar.say(task.getValue()));
        task.setOnFailed(e -> failed("Could not export to " + file.getFileName(), task.getException()));
        statusBar.run(task, "Exporting to " + file.getFileName());
    }

    void chooseExport() {
        Path file = ExportAction.choose(stage, timeline == null ? "recording" : String.valueOf(timeline.info().source()));
        if (file != null) {
            export(file);
        }
    }

    void focusFilter() {
        filter.requestFocus();
    }

    void showWholeRecording() {
        viewport.set(0, viewport.limit());
    }

    Workspace workspace() {
        return workspace;
    }

    void showPlugins() {
        PluginsDialog.show(stage, findings.detectors(), Distribution.plugins());
    }

    void setDarkTheme(boolean dark) {
        String css = MainWindow.class.getResource("dark.css").toExternalForm();
        stage.getScene().getStylesheets().remove(css);
        if (dark) {
            stage.getScene().getStylesheets().add(css);
        }
        workspace.setTheme(dark ? CanvasTheme.DARK : CanvasTheme.LIGHT);
        if (dark != "dark".equals(settings.theme())) {
            saveSettings(settings.withTheme(dark ? "dark" : "light"));
        }
    }

    private CanvasTheme canvasTheme() {
        return "dark".equals(settings.theme()) ? CanvasTheme.DARK : CanvasTheme.LIGHT;
    }

    private void saveSettings(Settings updated) {
        settings = updated;
        store.save(updated);
        if (!store.problem().isEmpty()) {
            banner.show("warning", store.problem());
        }
    }

    private void display(Timeline shown, String title) {
        timeline = shown;
        root.setCenter(workspace.node());
        threads.setTimeline(shown);
        workspace.setTimeline(shown);
        threads.setFilter(filter.getText());
        updateLaneCount();
        stage.setTitle("Loomscope - " + title);
    }

    private void show(Timeline loaded, Path file) {
        if (loaded == timeline) { // shown while it loaded: the user may be looking at part of it
            refreshShown();
            viewport.grow(loaded.durationNanos());
            stage.setTitle("Loomscope - " + file.getFileName());
        } else {
            display(loaded, file.getFileName().toString());
        }
        shownFile = file;
        findings.show(loaded);
        saveSettings(settings.withRecent(file.toAbsolutePath().toString()));
        welcome.showRecent(settings.recentFiles());
        statusBar.say(String.format("Loaded %s: %s, %,d threads, %,d events", file.getFileName(),
                TimeFormat.duration(loaded.durationNanos()), loaded.laneCount(), loaded.info().eventCount()));
        if (!loaded.info().warningTexts().isEmpty()) {
            banner.show("warning", String.join("\n", loaded.info().warningTexts()));
        }
        threads.requestFocus();
    }

    private void failed(String what, Throwable error) {
        if (error instanceof LoadCancelledException) {
            statusBar.say("Cancelled");
            return;
        }
        String why = error == null ? "unknown error"
                : error instanceof OutOfMemoryError ? HeapAdvice.outOfMemory() : error.getMessage();
        banner.show("error", what + ": " + why);
        statusBar.say(what);
    }

    /** The timeline on screen grew (live, or a file still loading): every view catches up. */
    private void refreshShown() {
        threads.refresh();
        workspace.refresh();
        updateLaneCount();
    }

    private void updateLaneCount() {
        laneCount.setText(timeline == null ? "" : threads.shownLaneCount() + " of " + timeline.laneCount() + " threads");
    }

    private void acceptDroppedFiles(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean accepted = files != null && !files.isEmpty();
            if (accepted) {
                open(files.getFirst().toPath());
            }
            e.setDropCompleted(accepted);
            e.consume();
        });
    }

    private ToolBar toolBar() {
        Button open = new Button("Open");
        open.setId("open-button");
        open.setOnAction(e -> chooseFile());
        Button attach = new Button("Attach");
        attach.setId("attach-button");
        attach.setOnAction(e -> chooseJvm());
        filter.setId("filter");
        filter.setPromptText("Filter threads by name or stack frame (regex)");
        filter.setPrefColumnCount(32);
        filter.textProperty().addListener((o, a, text) -> {
            threads.setFilter(text);
            updateLaneCount();
        });
        filter.setOnAction(e -> threads.requestFocus());
        laneCount.setId("lane-count");
        return new ToolBar(open, attach, filter, laneCount, live.node());
    }

    /** What the live controls may do to the window. */
    private final class LiveHost implements LiveControls.Host {
        private String shownWarnings = "";

        @Override
        public void showLive(Timeline shown, String title) {
            banner.hide();
            display(shown, title + " (live)");
            shownFile = null; // a live session has no file to link to until it is saved
            findings.show(shown);
            findings.followLive();
        }

        @Override
        public void refreshTimeline() {
            refreshShown();
            String warnings = String.join("\n", timeline.info().warningTexts());
            if (!warnings.isEmpty() && !warnings.equals(shownWarnings)) {
                banner.show("warning", warnings); // once per change, so a dismissed banner stays away
            }
            shownWarnings = warnings;
        }

        @Override
        public void banner(String kind, String text) {
            banner.show(kind, text);
        }

        @Override
        public void status(String text) {
            statusBar.say(text);
        }

        @Override
        public void sessionEnded() {
            findings.stopLive();
            findings.analyse();
        }

        @Override
        public javafx.stage.Window window() {
            return stage;
        }
    }
}
