package dev.loomscope.app.findings;

import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Threshold;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every detector's thresholds, to change them; the findings are computed again on OK. */
public final class ThresholdsDialog {
    private ThresholdsDialog() {
    }

    /** Asks for new values; returns the settings to use (the user's only), or empty if cancelled. */
    public static Optional<Map<String, Double>> edit(Window owner, List<Detector> detectors, Map<String, Double> current) {
        Dialog<Map<String, Double>> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Detector thresholds");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.setPadding(new Insets(10));
        Map<Threshold, TextField> fields = new LinkedHashMap<>();
        int row = 0;
        for (Detector detector : detectors) {
            Detector.Info info = detector.info();
            if (info.thresholds().isEmpty()) {
                continue;
            }
            Label name = new Label(info.name());
            name.setStyle("-fx-font-weight: bold");
            grid.add(name, 0, row++, 3, 1);
            for (Threshold t : info.thresholds()) {
                TextField field = new TextField(format(current.getOrDefault(t.key(), t.defaultValue())));
                field.setId("threshold-" + t.key());
                field.setPrefColumnCount(8);
                grid.addRow(row++, new Label(t.label()), field, new Label("default " + format(t.defaultValue()) + " " + t.unit()));
                fields.put(t, field);
            }
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setPrefSize(640, 480);
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            Map<String, Double> settings = new HashMap<>();
            fields.forEach((t, field) -> {
                try {
                    double value = Double.parseDouble(field.getText().trim());
                    if (value != t.defaultValue()) {
                        settings.put(t.key(), value);
                    }
                } catch (NumberFormatException e) {
                    // Not a number: the threshold keeps its default.
                }
            });
            return settings;
        });
        return dialog.showAndWait();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
