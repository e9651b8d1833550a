package dev.loomscope.app;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Help > Keyboard shortcuts, and Help > About. */
final class HelpDialogs {
    static final String SHORTCUTS = """
            Timelines (Threads view)
              mouse wheel, W / S      zoom in / out (around the mouse, or the middle)
              drag, A / D             pan (drag also scrolls the lanes)
              Shift+wheel, arrows, Page Up / Down   scroll the lanes
              Home or 0               show the whole recording
              click a span            its details and stack trace, on the right
              Z                       zoom to the selected span
                                      (a selected wait or wait for a carrier: an arrow from who ended it)
              click a group header    fold or unfold the group
              Escape                  clear the selection

            Window
              Ctrl+O                  open a recording
              Ctrl+L                  open a link (a recording at a range, a thread selected)
              Ctrl+Shift+C            copy a link to this view: the app and loomscope render open it
              Ctrl+Shift+A            attach to a running JVM
              Ctrl+E                  export the range on screen (Perfetto JSON, or CSV)
              Ctrl+D                  compare with another recording (one time axis, what changed)
              Ctrl+F                  filter threads by name or stack frame (a regular expression)
              Alt+Left / Alt+Right    back / forward through the tabs and ranges looked at
              Ctrl+Q                  quit
            """;

    private HelpDialogs() {
    }

    static void shortcuts(Window owner) {
        show(owner, "Keyboard shortcuts", "Keyboard shortcuts", SHORTCUTS);
    }

    static void about(Window owner) {
        show(owner, "About Loomscope", "Loomscope", Versions.text()
                + "\nA profiler for JVM concurrency: virtual threads, carriers, channels, futures.");
    }

    private static void show(Window owner, String title, String header, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setStyle("-fx-font-family: monospace");
        area.setPrefSize(620, 340);
        area.setId("help-text");
        alert.getDialogPane().setContent(area);
        alert.show();
    }
}
