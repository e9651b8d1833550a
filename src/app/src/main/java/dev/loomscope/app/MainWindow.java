package dev.loomscope.app;

import dev.loomscope.app.carriers.CarriersView;
import dev.loomscope.app.channels.ChannelsView;
import dev.loomscope.app.futures.FuturesView;
import dev.loomscope.app.details.SpanDetailsPane;
import dev.loomscope.app.findings.FindingsController;
import dev.loomscope.app.live.AttachDialog;
import dev.loomscope.app.live.LiveControls;
import dev.loomscope.app.settings.Settings;
import dev.loomscope.app.settings.SettingsStore;
import dev.loomscope.app.timeline.SpanPick;
import dev.loomscope.app.timeline.ThreadsView;
import dev.loomscope.app.timeline.TimeFormat;
import dev.loomscope.app.timeline.Viewport;
import dev.loomscope.core.capture.AgentJar;
import dev.loomscope.core.jfr.LoadCancelledException;
import dev.loomscope.core.model.Timeline;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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

/**
 * The main window: menu and toolbar, the welcome page until something is shown, then the timeline
 * tabs over one shared {@link Viewport} beside the details panel, and the status bar. Problems are
 * shown in a banner in the window, never only in a log; a failed open keeps what was on screen.
 * Settings (thresholds, live window, theme, recent files) are loaded at start and saved as they
 * change.
 */
public final class MainWindow {
    private final Stage stage;
    private final SettingsStore store;
    private final Viewport viewport = new Viewport();
    private final ThreadsView threads = new ThreadsView(viewport);
    private final SpanDetailsPane details = new SpanDetailsPane(this::showChannel, this::showFuture);
    private final TextField filter = new TextField();
    private final Label laneCount = new Label();
    private final Banner banner = new Banner();
    private final StatusBar statusBar = new StatusBar();
    private final TabPane tabs = new TabPane();
    private final BorderPane root = new BorderPane();
    private final SplitPane workspace;
    private final WelcomePane welcome;
    private final LiveControls live;
    private final FindingsController findings;
    private final CarriersView carriers;
    private final ChannelsView channels;
    private final FuturesView futures;
    private Settings settings;
    private Timeline timeline;
    private Process demoTarget;

    public MainWindow(Stage stage) {
        this(stage, SettingsStore.forUser());
    }

    MainWindow(Stage stage, SettingsStore store) {
        this.stage = stage;
        this.store = store;
        this.settings = store.load();
        this.live = new LiveControls(new LiveHost(), viewport);
        live.setWindow(Duration.ofMinutes(settings.windowMinutes()));
        this.findings = new FindingsController(threads, Distribution.plugins(), () -> stage, finding -> {
            tabs.getSelectionModel().select(0);
            filter.clear(); // the evidence must not be filtered out
            selectEvidenceOf(finding);
        }, thresholds -> saveSettings(settings.withThresholds(thresholds)));
        findings.useSettings(settings.thresholds());
        this.carriers = new CarriersView(viewport, this::showInThreads);
        this.channels = new ChannelsView(viewport, this::showInThreads);
        this.futures = new FuturesView(viewport, this::showInThreads);
        this.welcome = new WelcomePane(this::chooseFile, this::chooseJvm, this::runDemo, this::open);
        welcome.showRecent(settings.recentFiles());

        Tab carriersTab = new Tab("Carriers", carriers);
        Tab channelsTab = new Tab("Channels", channels);
        Tab futuresTab = new Tab("Futures", futures);
        Tab findingsTab = new Tab("Findings", findings.view());
        carriersTab.setId("carriers-tab");
        channelsTab.setId("channels-tab");
        futuresTab.setId("futures-tab");
        findingsTab.setId("findings-tab");
        Tab threadsTab = new Tab("Threads", threads);
        threadsTab.setId("threads-tab");
        tabs.getTabs().addAll(threadsTab, carriersTab, channelsTab, futuresTab, findingsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        workspace = new SplitPane(tabs, details);
        workspace.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(details, false);
        root.setTop(new VBox(MainMenu.of(this, "dark".equals(settings.theme())), toolBar(), banner));
        root.setCenter(welcome);
        root.setBottom(statusBar);
        threads.selectionProperty().addListener((o, a, pick) -> showDetails(pick));
        // The span details belong to the lane views; the channels and futures views have their own.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            boolean lanes = tab == threadsTab || tab == carriersTab;
            if (lanes && !workspace.getItems().contains(details)) {
                workspace.getItems().add(details);
                workspace.setDividerPositions(0.76);
            } else if (!lanes) {
                workspace.getItems().remove(details);
            }
        });

        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource("loomscope.css").toExternalForm());
        acceptDroppedFiles(scene);
        // A filter, not a handler: containers such as the tab pane take Home/End and the arrows
        // for themselves on the way back up.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!(scene.getFocusOwner() instanceof TextInputControl)) {
                threads.handleKey(e);
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
        return carriers;
    }

    public ChannelsView channelsView() {
        return channels;
    }

    public FuturesView futuresView() {
        return futures;
    }

    /** A finding about futures or channels also selects the first of them in their tab. */
    private void selectEvidenceOf(dev.loomscope.core.detect.Finding finding) {
        long future = firstId(finding, "futureIds");
        long channel = firstId(finding, "channelIds");
        if (timeline == null || (future < 0 && channel < 0)) {
            return;
        }
        int futureIndex;
        int channelIndex;
        timeline.readLock().lock();
        try {
            futureIndex = future < 0 ? -1 : timeline.futures().indexOf(future);
            channelIndex = timeline.channels().stream().filter(c -> c.agentId() == channel)
                    .mapToInt(dev.loomscope.core.model.Channel::index).findFirst().orElse(-1);
        } finally {
            timeline.readLock().unlock();
        }
        if (futureIndex >= 0) {
            futures.select(futureIndex);
        }
        if (channelIndex >= 0) {
            channels.selectChannel(channelIndex);
        }
    }

    private static long firstId(dev.loomscope.core.detect.Finding finding, String detail) {
        return finding.details().get(detail) instanceof List<?> ids && !ids.isEmpty() && ids.getFirst() instanceof Long id
                ? id : -1;
    }

    private void showChannel(int channel) {
        tabs.getSelectionModel().select(tab(channels));
        channels.selectChannel(channel);
    }

    private void showFuture(int future) {
        tabs.getSelectionModel().select(tab(futures));
        futures.select(future);
    }

    private Tab tab(javafx.scene.Node content) {
        return tabs.getTabs().stream().filter(t -> t.getContent() == content).findFirst().orElseThrow();
    }

    /** Shows {@code lane} at {@code time} in the Threads tab, unfiltered so it cannot be hidden. */
    private void showInThreads(int lane, long time) {
        tabs.getSelectionModel().select(0);
        filter.clear();
        threads.reveal(lane, time);
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

    /** Shows the Findings tab. */
    public void showFindings() {
        tabs.getSelectionModel().select(2);
    }

    /** Ends what the window started: a live session, the demo's sample app. */
    public void shutdown() {
        live.stopAndForget();
        if (demoTarget != null) {
            demoTarget.destroyForcibly();
        }
    }

    /** Loads a recording in the background; the current one stays until the new one is ready. */
    public void open(Path file) {
        live.stopAndForget();
        RecordingTask task = new RecordingTask(file);
        task.setOnSucceeded(e -> show(task.getValue(), file));
        task.setOnFailed(e -> failed("Could not open " + file.getFileName(), task.getException()));
        banner.hide();
        statusBar.run(task, "Opening " + file.getFileName());
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
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a JFR recording");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JFR recordings", "*.jfr"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            open(file.toPath());
        }
    }

    void focusFilter() {
        filter.requestFocus();
    }

    void showWholeRecording() {
        viewport.set(0, viewport.limit());
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
        if (dark != "dark".equals(settings.theme())) {
            saveSettings(settings.withTheme(dark ? "dark" : "light"));
        }
    }

    private void saveSettings(Settings updated) {
        settings = updated;
        store.save(updated);
        if (!store.problem().isEmpty()) {
            banner.show("warning", store.problem());
        }
    }

    private void showDetails(SpanPick pick) {
        if (timeline == null) {
            details.show(null, null);
            return;
        }
        timeline.readLock().lock();
        try {
            details.show(timeline, pick);
        } finally {
            timeline.readLock().unlock();
        }
    }

    private void display(Timeline shown, String title) {
        timeline = shown;
        root.setCenter(workspace);
        details.show(null, null);
        threads.setTimeline(shown);
        carriers.setTimeline(shown);
        channels.setTimeline(shown);
        futures.setTimeline(shown);
        threads.setFilter(filter.getText());
        updateLaneCount();
        stage.setTitle("Loomscope - " + title);
    }

    private void show(Timeline loaded, Path file) {
        display(loaded, file.getFileName().toString());
        findings.show(loaded);
        saveSettings(settings.withRecent(file.toAbsolutePath().toString()));
        welcome.showRecent(settings.recentFiles());
        statusBar.say(String.format("Loaded %s: %s, %,d threads, %,d events", file.getFileName(),
                TimeFormat.duration(loaded.durationNanos()), loaded.laneCount(), loaded.info().eventCount()));
        if (!loaded.info().warnings().isEmpty()) {
            banner.show("warning", String.join("\n", loaded.info().warnings()));
        }
        threads.requestFocus();
    }

    private void failed(String what, Throwable error) {
        if (error instanceof LoadCancelledException) {
            statusBar.say("Cancelled");
            return;
        }
        banner.show("error", what + ": " + (error == null ? "unknown error" : error.getMessage()));
        statusBar.say(what);
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
            findings.show(shown);
        }

        @Override
        public void refreshTimeline() {
            threads.refresh();
            carriers.setTimeline(timeline);
            channels.setTimeline(timeline);
            futures.setTimeline(timeline);
            updateLaneCount();
            String warnings = String.join("\n", timeline.info().warnings());
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
            findings.analyse();
        }

        @Override
        public javafx.stage.Window window() {
            return stage;
        }
    }
}
