package dev.loomscope.app.details;

import dev.loomscope.app.channels.Unblocking;
import dev.loomscope.app.threads.SpanPick;
import dev.loomscope.app.threads.SpanText;
import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.Timeline;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.IntConsumer;

/** The side panel: everything known about the selected span, and its stack trace. */
public final class SpanDetailsPane extends VBox {

    private final Label title = new Label("No span selected");
    private final GridPane facts = new GridPane();
    private final ListView<String> stack = new ListView<>();
    private final Label stackNote = new Label();
    private final IntConsumer showChannel;
    private final IntConsumer showFuture;

    /** @param showChannel opens a channel in the Channels view; {@code showFuture}, a future in the Futures view */
    public SpanDetailsPane(IntConsumer showChannel, IntConsumer showFuture) {
        super(8);
        this.showChannel = showChannel;
        this.showFuture = showFuture;
        setId("details");
        setPadding(new Insets(8));
        setPrefWidth(340);
        title.setId("details-title");
        title.getStyleClass().add("details-title");
        title.setWrapText(true);
        facts.setHgap(10);
        facts.setVgap(3);
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        facts.getColumnConstraints().add(names);
        stack.setId("stack-trace");
        stack.setPlaceholder(new Label("Click a span to see its stack trace"));
        stackNote.setWrapText(true);
        stackNote.getStyleClass().add("note");
        VBox.setVgrow(stack, Priority.ALWAYS);
        getChildren().addAll(title, facts, new Label("Stack trace (innermost first)"), stack, stackNote);
    }

    public void show(Timeline timeline, SpanPick pick) {
        facts.getChildren().clear();
        stack.getItems().clear();
        stackNote.setText("");
        if (timeline == null || pick == null) {
            title.setText("No span selected");
            return;
        }
        Lane lane = timeline.lane(pick.lane());
        title.setText(lane.displayName());
        int row = 0;
        row = fact(row, "Thread", (lane.isVirtual() ? "virtual" : "platform") + ", id " + lane.javaThreadId()
                + (lane.osThreadId() > 0 ? ", OS id " + lane.osThreadId() : ""));
        row = fact(row, "State", SpanText.state(pick));
        row = fact(row, "Start", TimeFormat.instant(pick.start()));
        row = fact(row, "End", TimeFormat.instant(pick.end()));
        row = fact(row, "Duration", TimeFormat.duration(pick.duration()));
        if (pick.merged() > 1) {
            row = fact(row, "Merged", pick.merged() + " spans share this pixel; the longest is shown");
        }
        row = link(timeline, lane, pick, row);
        row = fact(row, "Lifetime", lifetime(lane));
        showStack(timeline, pick);
    }

    /** What the span is linked to, which depends on its state: a carrier, who woke it, a channel, or a lock. */
    private int link(Timeline timeline, Lane lane, SpanPick pick, int row) {
        switch (pick.state()) {
            case RUNNING -> {
                if (lane.isVirtual()) {
                    return fact(row, "Carrier", pick.link() >= 0 && pick.link() < timeline.carrierLanes().size()
                            ? timeline.carrierLanes().get(pick.link()).displayName()
                            : "not recorded (exact carriers need the Loomscope agent)");
                }
                return row;
            }
            case RUNNABLE -> {
                if (lane.isVirtual() && pick.span() >= 0) {
                    return fact(row, "Made runnable by", pick.link() >= 0 && pick.link() < timeline.laneCount()
                            ? timeline.lane(pick.link()).displayName() + " (the arrow)"
                            : "not recorded (the agent records who woke each thread at --agent-full, and 1 in 16 at --agent)");
                }
                return row;
            }
            case BLOCKED_SEND, BLOCKED_RECV -> {
                if (pick.link() >= 0 && pick.link() < timeline.channels().size()) {
                    Channel channel = timeline.channels().get(pick.link());
                    row = fact(row, "Channel", channel.simpleName() + " #" + channel.agentId()
                            + (channel.bounded() ? ", capacity " + channel.capacity()
                                    : channel.capacityKnown() ? ", unbounded" : ""));
                    row = action(row, "show-channel", "Show in Channels", () -> showChannel.accept(channel.index()));
                    return unblocker(timeline, channel, pick, row);
                }
                return fact(row, "Channel", "not identified (queue identities need the Loomscope agent)");
            }
            case BLOCKED_LOCK -> {
                return pick.link() >= 0 ? fact(row, "Lock", timeline.blocker(pick.link())
                        + " (the object JFR named; its address may change when the collector moves it)") : row;
            }
            case BLOCKED_FUTURE -> {
                int future = timeline.futures().waitedOn(lane, pick.start(), pick.end());
                if (future < 0) {
                    return fact(row, "Waiting on", timeline.futures().size() == 0
                            ? "not identified (future identities need the Loomscope agent)" : "a future the agent did not see");
                }
                FutureGraph graph = timeline.futures();
                row = fact(row, "Waiting on", (graph.kind(future).isEmpty() ? "future" : graph.kind(future)) + " #"
                        + graph.agentId(future) + (graph.isCompleted(future) ? "" : ", never completed"));
                return action(row, "show-future", "Show in Futures", () -> showFuture.accept(future));
            }
            default -> {
                return row;
            }
        }
    }

    /** "Who unblocked me": the counterpart operation that let this blocked one return. */
    private int unblocker(Timeline timeline, Channel channel, SpanPick pick, int row) {
        int op = channel.opAt(pick.lane(), pick.end() - 1);
        return fact(row, "Unblocked by", op < 0 ? "not recorded" : Unblocking.unblockedBy(timeline, channel, op));
    }

    private void showStack(Timeline timeline, SpanPick pick) {
        if (pick.stack() < 0) {
            stackNote.setText(pick.span() < 0
                    ? "No event covers this time: the thread ran, or blocked below the recording's thresholds."
                    : "This event carries no stack trace.");
            return;
        }
        for (StackFrame frame : timeline.stacks().frames(pick.stack())) {
            stack.getItems().add(frame.toString());
        }
        if (timeline.stacks().isTruncated(pick.stack())) {
            stackNote.setText("JFR cut this stack at its depth limit; outer frames are missing.");
        }
    }

    private static String lifetime(Lane lane) {
        String start = lane.startObserved() ? "started at " + TimeFormat.instant(lane.lifeStart())
                : "first seen at " + TimeFormat.instant(lane.lifeStart());
        String end = lane.ended() ? "ended at " + TimeFormat.instant(lane.lifeEnd())
                : !lane.fateKnown() ? "last seen at " + TimeFormat.instant(lane.lastSeen())
                + "; whether it lived on is unknown (the recording has no end events for such threads)"
                : "alive at the end, last seen at " + TimeFormat.instant(lane.lastSeen());
        return start + "; " + end;
    }

    private int action(int row, String id, String text, Runnable action) {
        Hyperlink link = new Hyperlink(text);
        link.setId(id);
        link.setOnAction(e -> action.run());
        facts.add(link, 1, row);
        return row + 1;
    }

    private int fact(int row, String name, String value) {
        Label key = new Label(name);
        key.getStyleClass().add("fact-name");
        Label text = new Label(value);
        text.setWrapText(true);
        text.setId("fact-" + name.toLowerCase().replace(' ', '-'));
        facts.addRow(row, key, text);
        return row + 1;
    }
}
