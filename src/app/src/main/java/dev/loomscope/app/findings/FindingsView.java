package dev.loomscope.app.findings;

import dev.loomscope.app.Columns;
import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Finding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The Findings tab: what the detectors found, most severe first. Selecting a finding publishes it
 * ({@link #selectedProperty()}), and the window shows its evidence in the timeline; its full
 * explanation is shown below the table.
 */
public final class FindingsView extends BorderPane {
    private final TableView<Finding> table = new TableView<>();
    private final Label summary = new Label("No recording analysed yet");
    private final TextArea explanation = new TextArea();
    private final Button rerun = new Button("Analyse again");
    private final Button thresholds = new Button("Thresholds...");
    private final ObjectProperty<Finding> selected = new SimpleObjectProperty<>(this, "selected");

    public FindingsView() {
        setId("findings-view");
        table.setId("findings-table");
        table.setPlaceholder(new Label("No findings"));
        table.getColumns().add(Columns.text("Severity", 80, f -> f.severity().label()));
        table.getColumns().add(Columns.text("Kind", 130, Finding::kind));
        table.getColumns().add(Columns.text("When", 150, f -> TimeFormat.instant(f.startNanos()) + " - " + TimeFormat.instant(f.endNanos())));
        table.getColumns().add(Columns.text("Threads", 70, f -> String.valueOf(f.threads().size())));
        table.getColumns().add(Columns.text("Where", 330, Finding::site));
        table.getColumns().add(Columns.text("What", 600, Finding::message));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Finding item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("severity-critical", "severity-high", "severity-medium", "severity-low", "severity-info");
                if (item != null && !empty) {
                    getStyleClass().add("severity-" + item.severity().label());
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            selected.set(f);
            explanation.setText(f == null ? "" : f.message() + "\n\nThreads: " + threadsText(f.threads())
                    + (f.site().isEmpty() ? "" : "\nWhere: " + f.site()) + "\nFound by: " + f.detector()
                    + "\nDetails: " + f.details());
        });
        explanation.setId("finding-explanation");
        explanation.setEditable(false);
        explanation.setWrapText(true);
        explanation.setPrefRowCount(5);
        summary.setId("findings-summary");
        rerun.setId("rerun-analysis");
        thresholds.setId("edit-thresholds");
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(8, summary, rerun, thresholds);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        setTop(bar);
        setCenter(table);
        setBottom(explanation);
    }

    /** The threads named in a finding's explanation: the first {@value #THREADS_NAMED}, a million made one frame take seconds. */
    static String threadsText(java.util.List<String> threads) {
        if (threads.size() <= THREADS_NAMED) {
            return String.join(", ", threads);
        }
        return String.join(", ", threads.subList(0, THREADS_NAMED)) + String.format(
                " and %,d more (every one is marked in the Threads view)", threads.size() - THREADS_NAMED);
    }

    private static final int THREADS_NAMED = 100;

    /** Shows an analysis' result. */
    public void show(Analysis.Result result) {
        table.setItems(FXCollections.observableArrayList(result.findings()));
        String text = result.findings().isEmpty() ? "No findings" : result.findings().size()
                + (result.findings().size() == 1 ? " finding" : " findings") + ", most severe first";
        if (!result.failures().isEmpty()) {
            text += "; " + result.failures().size() + " detector(s) failed and were left out: "
                    + result.failures().getFirst().message();
        }
        summary.setText(text);
    }

    /** Shows no findings, saying why. */
    public void clear(String why) {
        table.setItems(FXCollections.observableArrayList());
        summary.setText(why);
    }

    /** Says an analysis is under way. */
    public void analysing() {
        summary.setText("Analysing...");
    }

    public ObjectProperty<Finding> selectedProperty() {
        return selected;
    }

    public Button rerunButton() {
        return rerun;
    }

    public Button thresholdsButton() {
        return thresholds;
    }

    public TableView<Finding> table() {
        return table;
    }
}
