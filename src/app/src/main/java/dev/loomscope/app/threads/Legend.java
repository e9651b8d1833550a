package dev.loomscope.app.threads;

import dev.loomscope.app.canvas.StatePalette;
import dev.loomscope.core.model.ThreadState;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Rectangle;

/** The key to the colours: one swatch per state, and how inferred time is drawn. */
final class Legend extends FlowPane {
    Legend() {
        super(12, 4);
        setId("legend");
        setPadding(new Insets(4, 8, 4, 8));
        setAlignment(Pos.CENTER_LEFT);
        for (ThreadState state : ThreadState.values()) {
            if (state != ThreadState.ENDED) {
                getChildren().add(swatch(state.label(), StatePalette.color(state, false), state.name()));
            }
        }
        getChildren().add(swatch("pale = inferred, not recorded", StatePalette.color(ThreadState.RUNNING, true),
                "inferred"));
    }

    private static Label swatch(String text, javafx.scene.paint.Color color, String id) {
        Rectangle box = new Rectangle(12, 12, color);
        box.setStroke(javafx.scene.paint.Color.web("#8a93a3"));
        Label label = new Label(text, box);
        label.setId("legend-" + id);
        return label;
    }
}
