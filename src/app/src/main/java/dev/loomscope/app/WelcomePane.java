package dev.loomscope.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The first window: open a recording, attach to a JVM, or run the demo; the recordings opened
 * lately; and the hint that a file can be dropped anywhere.
 */
final class WelcomePane extends VBox {
    private final VBox recent = new VBox(4);
    private final Consumer<Path> open;

    WelcomePane(Runnable chooseFile, Runnable attach, Runnable demo, Consumer<Path> open) {
        super(18);
        this.open = open;
        setId("welcome");
        setAlignment(Pos.CENTER);
        setPadding(new Insets(40));
        Label title = new Label("Loomscope");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold");
        Label what = new Label("Virtual threads, carriers, channels and futures of a JVM, as timelines.");
        Button openButton = new Button("Open a recording...");
        openButton.setId("welcome-open");
        openButton.setOnAction(e -> chooseFile.run());
        Button attachButton = new Button("Attach to a running JVM...");
        attachButton.setId("welcome-attach");
        attachButton.setOnAction(e -> attach.run());
        Button demoButton = new Button("Run the demo");
        demoButton.setId("welcome-demo");
        demoButton.setOnAction(e -> demo.run());
        HBox actions = new HBox(12, openButton, attachButton, demoButton);
        actions.setAlignment(Pos.CENTER);
        recent.setId("recent-files");
        recent.setAlignment(Pos.CENTER);
        Label hint = new Label("Or drop a .jfr file anywhere on this window.");
        hint.getStyleClass().add("note");
        getChildren().addAll(title, what, actions, recent, hint);
    }

    /** Lists the recent recordings, each a link that opens it. */
    void showRecent(List<String> files) {
        recent.getChildren().clear();
        if (files.isEmpty()) {
            return;
        }
        recent.getChildren().add(new Label("Recent recordings"));
        for (String file : files) {
            Hyperlink link = new Hyperlink(file);
            link.setOnAction(e -> open.accept(Path.of(file)));
            recent.getChildren().add(link);
        }
    }
}
