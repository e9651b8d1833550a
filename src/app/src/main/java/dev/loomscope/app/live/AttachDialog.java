package dev.loomscope.app.live;

import dev.loomscope.core.capture.AgentJar;
import dev.loomscope.core.live.JvmInfo;
import dev.loomscope.core.live.LocalJvms;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The list of local JVMs to attach to: pid, main class, JDK, and what its recordings can hold.
 * Refreshed on opening and on demand, in the background; Attach (or a double click) hands the
 * chosen JVM to the window.
 */
public final class AttachDialog {
    private final Stage stage = new Stage();
    private final TableView<JvmInfo> table = new TableView<>();
    private final Label status = new Label();
    private final BiConsumer<JvmInfo, Agent> onAttach;
    private final CheckBox agent = new CheckBox("Inject the Loomscope agent");
    private final ChoiceBox<Level> level = new ChoiceBox<>(FXCollections.observableArrayList(Level.values()));

    /**
     * What the agent records, as {@code loomscope record} offers it, with what it cost a busy
     * service (docs/capture.md): a short label for the choice, the whole of it in the tooltip.
     */
    enum Level {
        RUNS("level=runs", "Runs: every carrier run and wait (default, 0.98x)",
                "Which virtual thread each carrier ran, when, how long each waited for it and who woke it: record's default. "
                        + "A busy service kept 0.98x of its throughput once warmed up (a fan-out of short-lived threads 0.88x)."),
        SAMPLED("level=sampled", "Sampled: runs, and where 1 thread in 16 parked (0.98x)",
                "The runs, and where every park of 1 virtual thread in 16 began (0.98x once warmed up)."),
        FULL("level=full", "Full: every park's site, queue operation, future (0.97x to 0.49x)",
                "The runs, where every virtual thread parked, every queue operation, every CompletableFuture: a busy "
                        + "service kept 0.97x once warmed up, a fan-out of short-lived threads 0.49x, "
                        + "recorded from the start. An attach finds the program's classes loaded: it rewrites those "
                        + "with blocking or future-making calls, one brief pause each; each future's id costs a map "
                        + "lookup (CompletableFuture was loaded too).");

        private final String options;
        private final String label;
        private final String explanation;

        Level(String options, String label, String explanation) {
            this.options = options;
            this.label = label;
            this.explanation = explanation;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The agent to inject: its jar (null for none) and options. */
    public record Agent(Path jar, String options) {
    }

    /** @param onAttach called with the chosen JVM and the agent to inject */
    public AttachDialog(Window owner, BiConsumer<JvmInfo, Agent> onAttach) {
        this.onAttach = onAttach;
        table.setId("jvm-table");
        table.setPlaceholder(new Label("No other JVM of this user is running"));
        table.getColumns().add(column("PID", 70, j -> String.valueOf(j.pid())));
        table.getColumns().add(column("Main class or jar", 330, JvmInfo::displayName));
        table.getColumns().add(column("JDK", 90, j -> j.javaVersion().isEmpty() ? "?" : j.javaVersion()));
        table.getColumns().add(column("Virtual-thread events", 140, j -> yesNo(j, j.hasVirtualThreadEvents())));
        table.getColumns().add(column("Method tracing", 110, j -> yesNo(j, j.hasMethodTracing())));
        table.getColumns().add(column("Notes", 300, j -> !j.problem().isEmpty() ? j.problem() : j.limitations()));
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                attachSelected();
            }
        });

        Button refresh = new Button("Refresh");
        refresh.setId("refresh-jvms");
        refresh.setOnAction(e -> refresh());
        Button attach = new Button("Attach");
        attach.setId("attach-selected");
        attach.setDefaultButton(true);
        attach.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        attach.setOnAction(e -> attachSelected());
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        status.setId("jvm-list-status");
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        agent.setId("inject-agent");
        Optional<Path> agentJar = AgentJar.locate();
        agent.setDisable(agentJar.isEmpty());
        agent.setSelected(agentJar.isPresent());
        if (agentJar.isEmpty()) {
            agent.setText(agent.getText() + ": not in this installation");
        }
        level.setId("agent-level");
        level.setValue(Level.RUNS);
        Tooltip levels = new Tooltip(Arrays.stream(Level.values()).map(l -> l.explanation)
                .collect(Collectors.joining("\n")));
        levels.setWrapText(true);
        levels.setMaxWidth(600);
        level.setTooltip(levels);
        level.disableProperty().bind(agent.selectedProperty().not());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showSelection());
        // Each control keeps its whole text: the dialog's first size read "..." on every button.
        for (Region control : new Region[] {agent, level, refresh, cancel, attach}) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox capture = new HBox(8, agent, level);
        capture.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(8, status, refresh, cancel, attach);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(8, capture, buttons);
        bottom.setPadding(new Insets(8));

        BorderPane root = new BorderPane(table);
        Label costs = new Label("  Local JVMs of this user (Loomscope attaches to no other). Recording is for an "
                + "investigation: with the default capture a busy service kept 0.92x of its throughput, with JFR alone "
                + "0.51x (docs/capture.md).");
        costs.setId("capture-cost");
        root.setTop(costs);
        root.setBottom(bottom);
        stage.setScene(new Scene(root, 1000, 420));
        stage.setTitle("Attach to a running JVM");
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
    }

    public void show() {
        stage.show();
        refresh();
    }

    private void refresh() {
        status.setText("Looking for JVMs...");
        Task<java.util.List<JvmInfo>> listing = new Task<>() {
            @Override
            protected java.util.List<JvmInfo> call() {
                return LocalJvms.list();
            }
        };
        listing.setOnSucceeded(e -> {
            table.setItems(FXCollections.observableArrayList(listing.getValue()));
            showSelection();
        });
        listing.setOnFailed(e -> status.setText("Could not list JVMs: " + listing.getException().getMessage()));
        Thread.ofVirtual().name("loomscope-list-jvms").start(listing);
    }

    /** Says what Attach will do, or what it waits for: it stays disabled until a JVM is chosen. */
    private void showSelection() {
        JvmInfo chosen = table.getSelectionModel().getSelectedItem();
        int count = table.getItems().size();
        status.setText(chosen != null ? "Attach to pid " + chosen.pid() + " (" + chosen.displayName() + ")"
                : count == 0 ? "No JVM to attach to: start one, then Refresh"
                : count + " JVMs: select one, then Attach (or double-click it)");
    }

    private void attachSelected() {
        JvmInfo chosen = table.getSelectionModel().getSelectedItem();
        if (chosen != null) {
            stage.close();
            Path jar = agent.isSelected() ? AgentJar.locate().orElse(null) : null;
            onAttach.accept(chosen, new Agent(jar, level.getValue().options));
        }
    }

    private static String yesNo(JvmInfo jvm, boolean yes) {
        return jvm.feature() == 0 ? "?" : yes ? "yes" : "no";
    }

    private static TableColumn<JvmInfo, String> column(String title, double width, Function<JvmInfo, String> value) {
        TableColumn<JvmInfo, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return column;
    }
}
