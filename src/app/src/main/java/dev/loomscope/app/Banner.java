package dev.loomscope.app;

import javafx.geometry.Insets;
import javafx.scene.control.Label;

/** The strip under the toolbar that says what went wrong or what to know; a click dismisses it. */
final class Banner extends Label {
    Banner() {
        setId("banner");
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        setPadding(new Insets(6, 10, 6, 10));
        setOnMouseClicked(e -> hide());
        hide();
    }

    /** @param kind {@code error}, {@code warning} or {@code info} (its colours) */
    void show(String kind, String text) {
        getStyleClass().removeAll("error", "warning", "info");
        getStyleClass().add(kind);
        setText(text + "   (click to dismiss)");
        setVisible(true);
        setManaged(true);
    }

    void hide() {
        setVisible(false);
        setManaged(false);
    }
}
