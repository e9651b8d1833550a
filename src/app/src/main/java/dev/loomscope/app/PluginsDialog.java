package dev.loomscope.app;

import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Detectors;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

import java.nio.file.Path;

/** Lists the detectors in use and the plugin jars found, with what kept a jar out. */
final class PluginsDialog {
    private PluginsDialog() {
    }

    static void show(Window owner, Detectors.Loaded loaded, Path pluginsDir) {
        StringBuilder text = new StringBuilder("Detectors in use:\n");
        for (Detector d : loaded.detectors()) {
            text.append("  ").append(d.info().name()).append(" (").append(d.info().id()).append(")\n");
        }
        text.append("\nPlugins folder: ").append(pluginsDir == null ? "none (started without the launcher)" : pluginsDir).append('\n');
        if (loaded.plugins().isEmpty()) {
            text.append("  no plugin jars\n");
        }
        for (Detectors.Plugin p : loaded.plugins()) {
            text.append("  ").append(p.jar().getFileName()).append(": ")
                    .append(p.problem().isEmpty() ? "loaded " + String.join(", ", p.detectors()) : "skipped: " + p.problem())
                    .append('\n');
        }
        text.append("\nA plugin is a jar declaring a dev.loomscope.core.detect.Detector in META-INF/services; "
                + "drop it into the plugins folder and restart. See docs/detectors.md.");
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("Plugins");
        alert.setHeaderText("Detectors and plugins");
        TextArea area = new TextArea(text.toString());
        area.setEditable(false);
        area.setPrefSize(560, 320);
        alert.getDialogPane().setContent(area);
        alert.show();
    }
}
