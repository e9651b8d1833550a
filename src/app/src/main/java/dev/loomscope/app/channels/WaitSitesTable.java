package dev.loomscope.app.channels;

import dev.loomscope.app.Columns;
import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.waits.WaitSites;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Waits grouped by where the program waits ({@link WaitSites}): what the Channels and Futures
 * views show when the recording has no agent events. Double-click or Enter shows the longest wait
 * of a site in the Threads view.
 */
public final class WaitSitesTable extends TableView<WaitSites.Site> {
    private final List<ThreadState> states;

    /** @param states the waits to list; {@code onJump} gets a lane and an instant */
    public WaitSitesTable(List<ThreadState> states, BiConsumer<Integer, Long> onJump) {
        this.states = states;
        getStyleClass().add("wait-sites");
        setPlaceholder(new Label("No such waits in this recording"));
        getColumns().add(Columns.text("Wait", 120, s -> s.state().label()));
        getColumns().add(Columns.text("Where", 380, s -> s.site().isEmpty() ? "(no stack trace)" : s.site()));
        getColumns().add(Columns.number("Waits", 70, WaitSites.Site::count, n -> String.format("%,d", n)));
        getColumns().add(Columns.number("Total", 90, WaitSites.Site::totalNanos, TimeFormat::duration));
        getColumns().add(Columns.number("Longest", 90, WaitSites.Site::maxNanos, TimeFormat::duration));
        getColumns().add(Columns.number("Threads", 70, s -> s.lanes().cardinality(), n -> String.format("%,d", n)));
        getColumns().add(Columns.number("Waiting at end", 110, WaitSites.Site::stillWaiting, n -> n == 0 ? "" : String.format("%,d", n)));
        setRowFactory(t -> {
            var row = new javafx.scene.control.TableRow<WaitSites.Site>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    onJump.accept(row.getItem().exampleLane(), row.getItem().exampleStart());
                }
            });
            return row;
        });
        setOnKeyPressed(e -> {
            WaitSites.Site site = getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && site != null) {
                onJump.accept(site.exampleLane(), site.exampleStart());
            }
        });
    }

    /** Lists the waits of {@code timeline} (null for none); call with its read lock held. */
    public void show(Timeline timeline) {
        setItems(FXCollections.observableArrayList(timeline == null ? List.of() : WaitSites.of(timeline, states)));
    }
}
