package dev.loomscope.app;

import dev.loomscope.app.carriers.CarriersView;
import dev.loomscope.app.details.SpanDetailsPane;
import dev.loomscope.app.findings.FindingsController;
import dev.loomscope.app.live.AttachDialog;
import dev.loomscope.app.live.LiveControls;
import dev.loomscope.app.timeline.ThreadsView;
import dev.loomscope.app.timeline.Viewport;
import dev.loomscope.core.jfr.LoadCancelledException;
import dev.loomscope.core.model.Timeline;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * The main window: menu and toolbar, the timeline tabs over one shared {@link Viewport}, the
 * details panel, and a status bar that shows what is loading and lets the user cancel it.
 * Problems are shown in a banner in the window, never only in a log; a failed open keeps what was
 * on screen.
 */
public final class MainWindow {
    private final Stage stage;
    private final Viewport viewport = new Viewport();
    private final ThreadsView threads = new ThreadsView(viewport);
    private final SpanDetailsPane details = new SpanDetailsPane();
    private final TextField filter = new TextField();
    private final Label laneCount = new Label();
    private final Label banner = new Label();
    private final Label status = new Label("Open a recording: File > Open (Ctrl+O), or drop a .jfr file here");
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final LiveControls live;
    private final FindingsController findings;
    private final CarriersView carriers;
    private final TabPane tabs = new TabPane();
    private Timeline timeline;
    private Task<?> running;
    private Process demoTarget;

    public MainWindow(Stage stage) {
        this.stage = stage;
        this.live = new LiveControls(new LiveHost(), viewport);
        this.findings = new FindingsController(threads, Distribution.plugins(), () -> stage, finding -> {
            tabs.getSelectionModel().select(0);
            filter.clear(); // the evidence must not be filtered out
        });
        this.carriers = new CarriersView(viewport, (lane, time) -> {
            tabs.getSelectionModel().select(0);
            filter.clear();
            threads.reveal(lane, time);
        });
        BorderPane root = new BorderPane();
        root.setTop(new VBox(menuBar(), toolBar(), banner));
        Tab threadsTab = new Tab("Threads", threads);
        Tab carriersTab = new Tab("Carriers", carriers);
        Tab findingsTab = new Tab("Findings", findings.view());
        carriersTab.setId("carriers-tab");
        findingsTab.setId("findings-tab");
        tabs.getTabs().addAll(threadsTab, carriersTab, findingsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(tabs, details);
        split.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(details, false);
        root.setCenter(split);
        root.setBottom(statusBar());

        banner.setId("banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setPadding(new Insets(6, 10, 6, 10));
        banner.setOnMouseClicked(e -> hideBanner());
        hideBanner();
        threads.selectionProperty().addListener((o, a, pick) -> showDetails(pick));

        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource("loomscope.css").toExternalForm());
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
        // A filter, not a handler: containers such as the tab pane take Home/End and the arrows
        // for themselves on the way back up.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!(scene.getFocusOwner() instanceof TextInputControl)) {
                threads.handleKey(e);
            }
        });
        stage.setScene(scene);
        stage.setTitle("Loomscope");
    }

    public Stage stage() {
        return stage;
    }

    public ThreadsView threadsView() {
        return threads;
    }

    /** The recording on screen, or null. */
    public Timeline timeline() {
        return timeline;
    }

    public LiveControls live() {
        return live;
    }

    public FindingsController findings() {
        return findings;
    }

    /** Shows the Findings tab. */
    public void showFindings() {
        tabs.getSelectionModel().select(2);
    }

    public CarriersView carriersView() {
        return carriers;
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
        start(task, "Opening " + file.getFileName());
    }

    /** Starts the bundled sample app and attaches to it live. */
    public void runDemo() {
        Demo demo = new Demo();
        demo.setOnSucceeded(e -> {
            demoTarget = demo.getValue();
            live.attach(demoTarget.pid(), "the pipeline sample app",
                    dev.loomscope.core.capture.AgentJar.locate().orElse(null), "level=full");
        });
        demo.setOnFailed(e -> failed("The demo could not run", demo.getException()));
        start(demo, "Starting the demo");
    }

    /** Opens the list of local JVMs; the one chosen is attached to live. */
    public void chooseJvm() {
        new AttachDialog(stage, (jvm, agent) -> live.attach(jvm.pid(), jvm.displayName(), agent.jar(), agent.options())).show();
    }

    private void start(Task<?> task, String what) {
        if (running != null) {
            running.cancel();
        }
        running = task;
        hideBanner();
        status.textProperty().bind(task.messageProperty());
        progress.progressProperty().bind(task.progressProperty());
        progress.setVisible(true);
        cancel.setVisible(true);
        cancel.setOnAction(e -> task.cancel());
        task.stateProperty().addListener((o, a, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                status.textProperty().unbind();
                progress.progressProperty().unbind();
                progress.setVisible(false);
                cancel.setVisible(false);
                if (running == task) {
                    running = null;
                }
                if (state == Worker.State.CANCELLED) {
                    status.setText(what + ": cancelled");
                }
            }
        });
        status.textProperty().unbind();
        status.setText(what + "...");
        status.textProperty().bind(task.messageProperty());
        Thread.ofVirtual().name("loomscope-" + what.toLowerCase().replace(' ', '-')).start(task);
    }

    private void showDetails(dev.loomscope.app.timeline.SpanPick pick) {
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
        details.show(null, null);
        threads.setTimeline(shown);
        carriers.setTimeline(shown);
        threads.setFilter(filter.getText());
        updateLaneCount();
        stage.setTitle("Loomscope - " + title);
    }

    private void show(Timeline loaded, Path file) {
        display(loaded, file.getFileName().toString());
        findings.show(loaded);
        status.setText(String.format("Loaded %s: %s, %,d threads, %,d events", file.getFileName(),
                dev.loomscope.app.timeline.TimeFormat.duration(loaded.durationNanos()), loaded.laneCount(),
                loaded.info().eventCount()));
        if (!loaded.info().warnings().isEmpty()) {
            showBanner("warning", String.join("\n", loaded.info().warnings()));
        }
        threads.requestFocus();
    }

    private void failed(String what, Throwable error) {
        if (error instanceof LoadCancelledException) {
            status.setText("Cancelled");
            return;
        }
        String message = error == null ? "unknown error" : error.getMessage();
        showBanner("error", what + ": " + message);
        status.setText(what);
    }

    private void showBanner(String kind, String text) {
        banner.getStyleClass().removeAll("error", "warning", "info");
        banner.getStyleClass().add(kind);
        banner.setText(text + "   (click to dismiss)");
        banner.setVisible(true);
        banner.setManaged(true);
    }

    private void hideBanner() {
        banner.setVisible(false);
        banner.setManaged(false);
    }

    private void updateLaneCount() {
        laneCount.setText(timeline == null ? "" : threads.shownLaneCount() + " of " + timeline.laneCount() + " threads");
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a JFR recording");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JFR recordings", "*.jfr"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            open(file.toPath());
        }
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open...");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseFile());
        MenuItem attach = new MenuItem("Attach to a running JVM...");
        attach.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+A"));
        attach.setOnAction(e -> chooseJvm());
        MenuItem demo = new MenuItem("Run the demo");
        demo.setOnAction(e -> runDemo());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        MenuItem find = new MenuItem("Filter threads...");
        find.setAccelerator(KeyCombination.keyCombination("Shortcut+F"));
        find.setOnAction(e -> filter.requestFocus());
        MenuItem fit = new MenuItem("Show the whole recording (Home)");
        fit.setOnAction(e -> viewport.set(0, viewport.limit()));
        MenuItem analyse = new MenuItem("Analyse again");
        analyse.setOnAction(e -> findings.analyse());
        MenuItem plugins = new MenuItem("Plugins...");
        plugins.setOnAction(e -> PluginsDialog.show(stage, findings.detectors(), Distribution.plugins()));
        MenuBar bar = new MenuBar(new Menu("File", null, open, attach, demo, quit), new Menu("View", null, find, fit),
                new Menu("Analyse", null, analyse, plugins));
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private ToolBar toolBar() {
        Button open = new Button("Open");
        open.setId("open-button");
        open.setOnAction(e -> chooseFile());
        filter.setId("filter");
        filter.setPromptText("Filter threads by name or stack frame (regex)");
        filter.setPrefColumnCount(32);
        filter.textProperty().addListener((o, a, text) -> {
            threads.setFilter(text);
            updateLaneCount();
        });
        filter.setOnAction(e -> threads.requestFocus());
        laneCount.setId("lane-count");
        Button attach = new Button("Attach");
        attach.setId("attach-button");
        attach.setOnAction(e -> chooseJvm());
        return new ToolBar(open, attach, filter, laneCount, live.node());
    }

    /** What the live controls may do to the window. */
    private final class LiveHost implements LiveControls.Host {
        private String shownWarnings = "";

        @Override
        public void showLive(Timeline shown, String title) {
            hideBanner();
            display(shown, title + " (live)");
            findings.show(shown);
        }

        @Override
        public void refreshTimeline() {
            threads.refresh();
            carriers.setTimeline(timeline);
            updateLaneCount();
            String warnings = String.join("\n", timeline.info().warnings());
            if (!warnings.isEmpty() && !warnings.equals(shownWarnings)) {
                showBanner("warning", warnings); // once per change, so a dismissed banner stays away
            }
            shownWarnings = warnings;
        }

        @Override
        public void banner(String kind, String text) {
            showBanner(kind, text);
        }

        @Override
        public void status(String text) {
            status.textProperty().unbind();
            status.setText(text);
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

    private HBox statusBar() {
        status.setId("status");
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        progress.setId("load-progress");
        progress.setPrefWidth(220);
        progress.setVisible(false);
        cancel.setId("cancel-load");
        cancel.setVisible(false);
        HBox bar = new HBox(10, status, progress, cancel);
        bar.setId("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 8, 3, 8));
        return bar;
    }
}
