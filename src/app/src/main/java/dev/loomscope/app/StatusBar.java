package dev.loomscope.app;

import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The bottom line of the window: what is happening, and while a background task runs, its progress
 * and a Cancel button. Runs the window's background tasks, one at a time, on virtual threads.
 */
final class StatusBar extends HBox {
    private final Label status = new Label("Open a recording: File > Open (Ctrl+O), or drop a .jfr file here");
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private Task<?> running;

    StatusBar() {
        super(10);
        setId("status-bar");
        status.setId("status");
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        progress.setId("load-progress");
        progress.setPrefWidth(220);
        progress.setVisible(false);
        cancel.setId("cancel-load");
        cancel.setVisible(false);
        getChildren().addAll(status, progress, cancel);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
    }

    void say(String text) {
        status.textProperty().unbind();
        status.setText(text);
    }

    /** Starts {@code task} (cancelling one still running), showing its messages and progress. */
    void run(Task<?> task, String what) {
        if (running != null) {
            running.cancel();
        }
        running = task;
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
        say(what + "...");
        status.textProperty().bind(task.messageProperty());
        Thread.ofVirtual().name("loomscope-" + what.toLowerCase().replace(' ', '-')).start(task);
    }
}
