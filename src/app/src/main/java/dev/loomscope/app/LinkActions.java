package dev.loomscope.app;

import dev.loomscope.app.threads.SpanPick;
import dev.loomscope.app.threads.ThreadsView;
import dev.loomscope.core.model.Timeline;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import java.nio.file.Path;

/** Copy a link to the view on screen, and open one: the menu actions around {@link ViewLink}. */
final class LinkActions {
    private LinkActions() {
    }

    /** The link to {@code file} as {@code threads} shows it: its range, and the span selected if any. */
    static ViewLink linkTo(Path file, Timeline timeline, ThreadsView threads) {
        SpanPick pick = threads.selectionProperty().get();
        String thread = null;
        long at = 0;
        if (pick != null && pick.lane() >= 0 && pick.lane() < timeline.laneCount()) {
            thread = timeline.lane(pick.lane()).displayName();
            at = pick.start() + (pick.end() - pick.start()) / 2;
        }
        return new ViewLink(file, threads.viewport().from(), threads.viewport().to(), thread, at);
    }

    /**
     * Shows the link's range and selects its thread there. Revealing the thread centres it at the
     * current zoom, so the range is set again after: the view is the link's, the selection too.
     */
    static void apply(ViewLink link, ThreadsView threads) {
        threads.viewport().set(link.from(), link.to());
        int lane = link.thread() == null ? -1 : threads.laneId(link.thread());
        if (lane >= 0) {
            threads.reveal(lane, link.at());
            threads.viewport().set(link.from(), link.to());
        }
    }

    /** Edit > Copy link: the link on the clipboard, or why there is none. */
    static void copy(MainWindow window, StatusBar status, Banner banner) {
        window.linkToView().ifPresentOrElse(link -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(link.format());
            Clipboard.getSystemClipboard().setContent(content);
            status.say("Copied a link to this view: " + link.format());
        }, () -> banner.show("info", "A link names a recording file: open one, or save the live session "
                + "(Save in the live toolbar) and open the saved file."));
    }

    /** File > Open link: asks for a link, offering the one on the clipboard. */
    static void ask(MainWindow window) {
        String clipboard = Clipboard.getSystemClipboard().getString();
        TextInputDialog dialog = new TextInputDialog(clipboard != null && ViewLink.isLink(clipboard) ? clipboard.strip() : "");
        dialog.initOwner(window.stage());
        dialog.setTitle("Open a Loomscope link");
        dialog.setHeaderText("A link opens a recording at a time range, with a thread selected");
        dialog.setContentText("Link:");
        dialog.getEditor().setPrefColumnCount(60);
        dialog.showAndWait().filter(text -> !text.isBlank()).ifPresent(window::openLink);
    }
}
