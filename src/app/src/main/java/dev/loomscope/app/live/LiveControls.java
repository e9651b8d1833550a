package dev.loomscope.app.live;

import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.capture.RecordingLimits;
import dev.loomscope.core.live.LiveOptions;
import dev.loomscope.core.live.LiveSession;
import dev.loomscope.core.live.TargetJvm;
import dev.loomscope.core.model.Timeline;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live part of the window: attaching, then the toolbar of a running session (follow the
 * newest time, pause the display, stop, save) and its status. Updates from the session arrive on
 * the stream's thread and are coalesced into one refresh per pulse on the FX thread.
 */
public final class LiveControls {

    /** What the window lends the live session. */
    public interface Host {
        /** Shows a timeline that will keep growing; {@code title} names the target. */
        void showLive(Timeline timeline, String title);

        /** The shown timeline grew. */
        void refreshTimeline();

        void banner(String kind, String text);

        void status(String text);

        /** The session stopped or lost its target: time to analyse what it captured. */
        void sessionEnded();

        Window window();
    }

    private final Host host;
    private final Viewport viewport;
    private final ToggleButton follow = new ToggleButton("Follow");
    private final ToggleButton pause = new ToggleButton("Pause");
    private final Button stop = new Button("Stop");
    private final Button save = new Button("Save...");
    private final Label state = new Label();
    private final HBox bar = new HBox(6, state, follow, pause, stop, save);
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private LiveSession session;
    /** The session's timeline on screen: a session that jumps ahead to keep up starts a new one. */
    private Timeline shown;
    private java.time.Duration window = LiveOptions.DEFAULT.window();

    public LiveControls(Host host, Viewport viewport) {
        this.host = host;
        this.viewport = viewport;
        follow.setId("follow");
        follow.setSelected(true);
        pause.setId("pause");
        stop.setId("stop-session");
        save.setId("save-session");
        state.setId("live-state");
        follow.setOnAction(e -> refresh());
        pause.setOnAction(e -> refresh());
        stop.setOnAction(e -> stop());
        save.setOnAction(e -> save());
        bar.setVisible(false);
        bar.setManaged(false);
    }

    /** How much of the past sessions started from now on keep. */
    public void setWindow(java.time.Duration keep) {
        window = keep;
    }

    /** The toolbar part, shown while a session exists. */
    public HBox node() {
        return bar;
    }

    public LiveSession session() {
        return session;
    }

    /**
     * Attaches to {@code pid} in the background and shows the session once it streams; with
     * {@code agentJar} (or null) the agent is injected first, for exact scheduling, with
     * {@code agentOptions} (its level).
     */
    public void attach(long pid, String name, java.nio.file.Path agentJar, String agentOptions) {
        stopAndForget();
        host.status("Attaching to pid " + pid + " (" + name + ")...");
        Task<LiveSession> attaching = new Task<>() {
            @Override
            protected LiveSession call() throws IOException {
                LiveOptions base = new LiveOptions(window, null, null, RecordingLimits.DEFAULT);
                LiveOptions options = agentJar == null ? base : base.withAgent(agentJar, agentOptions);
                return LiveSession.start(TargetJvm.attach(pid), options, new Updates());
            }
        };
        attaching.setOnSucceeded(e -> started(attaching.getValue()));
        attaching.setOnFailed(e -> {
            host.banner("error", "Could not attach: " + attaching.getException().getMessage());
            host.status("Not attached");
        });
        Thread.ofVirtual().name("loomscope-attach-" + pid).start(attaching);
    }

    private void started(LiveSession started) {
        session = started;
        follow.setSelected(true);
        pause.setSelected(false);
        stop.setDisable(false);
        bar.setVisible(true);
        bar.setManaged(true);
        shown = started.timeline();
        host.showLive(shown, "pid " + started.target().pid());
        refresh();
    }

    /** Stops the session: the target keeps running, what was captured stays on screen. */
    public void stop() {
        if (session != null && session.state() == LiveSession.State.STREAMING) {
            LiveSession stopping = session;
            host.status("Stopping: a last thread dump of pid " + stopping.target().pid() + "...");
            Thread.ofVirtual().name("loomscope-stop").start(stopping::stop);
        }
    }

    /** Stops any session and forgets it (a file is being opened, the window closes). */
    public void stopAndForget() {
        if (session != null) {
            LiveSession closing = session;
            session = null;
            Thread.ofVirtual().name("loomscope-close").start(closing::close);
        }
        bar.setVisible(false);
        bar.setManaged(false);
    }

    private void save() {
        if (session == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the captured recording");
        chooser.setInitialFileName("pid-" + session.target().pid() + ".jfr");
        File file = chooser.showSaveDialog(host.window());
        if (file != null) {
            saveTo(file.toPath());
        }
    }

    /** Saves what the session captured to {@code file} (and its thread dumps beside it). */
    public void saveTo(java.nio.file.Path file) {
        LiveSession saving = session;
        Thread.ofVirtual().name("loomscope-save").start(() -> {
            try {
                saving.save(file);
                Platform.runLater(() -> host.status("Saved " + file));
            } catch (IOException ex) {
                Platform.runLater(() -> host.banner("error", "Could not save " + file + ": " + ex.getMessage()));
            }
        });
    }

    /** Brings the view up to date with the session, unless the display is paused. */
    private void refresh() {
        refreshPending.set(false);
        if (session == null) {
            return;
        }
        Timeline timeline = session.timeline();
        String lag = session.state() == LiveSession.State.STREAMING
                ? "live, " + TimeFormat.duration(session.lag().toNanos()) + " behind" + jumped(session.jumps())
                : describe(session.state());
        state.setText(lag);
        stop.setDisable(session.state() != LiveSession.State.STREAMING);
        if (pause.isSelected()) {
            return;
        }
        if (timeline != shown) {
            shown = timeline;
            host.showLive(timeline, "pid " + session.target().pid());
        }
        host.refreshTimeline();
        viewport.extendLimit(timeline.durationNanos(), follow.isSelected());
        host.status(String.format("pid %d: %s recorded, %,d threads", session.target().pid(),
                TimeFormat.duration(timeline.durationNanos()), timeline.laneCount()));
    }

    private static String jumped(int jumps) {
        return jumps == 0 ? "" : jumps == 1 ? ", jumped ahead once to keep up" : ", jumped ahead " + jumps + " times to keep up";
    }

    private static String describe(LiveSession.State state) {
        return switch (state) {
            case STREAMING -> "live";
            case DISCONNECTED -> "disconnected";
            case STOPPED -> "stopped";
        };
    }

    /** The session's news, from the stream's thread to the FX thread. */
    private final class Updates implements LiveSession.Listener {
        @Override
        public void updated(LiveSession s) {
            if (refreshPending.compareAndSet(false, true)) {
                Platform.runLater(LiveControls.this::refresh);
            }
        }

        @Override
        public void stateChanged(LiveSession s, LiveSession.State newState, String reason) {
            Platform.runLater(() -> {
                refresh();
                host.sessionEnded();
                String kind = newState == LiveSession.State.DISCONNECTED ? "warning" : "info";
                host.banner(kind, (newState == LiveSession.State.DISCONNECTED ? "Disconnected: " : "Stopped: ")
                        + reason + ". Everything captured stays; Save keeps it as a .jfr file.");
            });
        }
    }
}
