package dev.loomscope.app.channels;

import dev.loomscope.app.Columns;
import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.ChartTrack;
import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.app.canvas.TimeAxis;
import dev.loomscope.app.canvas.TimelineCanvas;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.CreationSite;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.waits.ChannelUse;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The Channels tab: every blocking queue the program used, the most waited-on first; for the
 * selected one, its occupancy over time and the lanes of the threads that sent and received, over
 * the shared {@link Viewport}. Clicking a blocked operation says who unblocked it and who could
 * have. Without the agent, queues have no identity: the tab lists the waits at send and receive
 * sites instead, and says what the agent would add.
 *
 * <p>A queue the JDK created for itself ({@link CreationSite#jdkInternal()}: an executor's work
 * queue, the process reaper's that a live session's own thread dump makes the target create) says
 * so in "Created at"; one that saw no operation is not listed, only counted in the note.
 */
public final class ChannelsView extends BorderPane {
    private static final List<ThreadState> CHANNEL_WAITS = List.of(ThreadState.BLOCKED_SEND, ThreadState.BLOCKED_RECV);

    private final Viewport viewport;
    private final BiConsumer<Integer, Long> onJump;
    private final Label note = new Label();
    private final TableView<ChannelUse> table = new TableView<>();
    private final OccupancyChart occupancy = new OccupancyChart();
    private final ChannelLanes lanes = new ChannelLanes();
    private final TimelineCanvas canvas;
    private final Label details = new Label("Click a blocked send or receive to see who unblocked it.");
    private final Button showInThreads = new Button("Show in Threads");
    private final WaitSitesTable waitSites;
    private final SplitPane channelsPane;
    private Timeline timeline;
    /** Where each listed channel was created, by {@link Channel#index()}. */
    private final Map<Integer, CreationSite> sites = new HashMap<>();
    private ChannelUse selected;
    private int selectedOp = -1;
    /** The operation that unblocked the selected one, found once per selection, or -1. */
    private int unblocker = -1;
    /** What the occupancy chart shows now. */
    private OccupancyKey occupancyShown;

    private record OccupancyKey(Channel channel, long version, long from, long to) {
    }

    /** @param onJump called with a lane and an instant to show in the Threads view */
    public ChannelsView(Viewport viewport, BiConsumer<Integer, Long> onJump) {
        this.viewport = viewport;
        this.onJump = onJump;
        this.waitSites = new WaitSitesTable(CHANNEL_WAITS, onJump);
        this.canvas = new TimelineCanvas(viewport, "channels", ChannelLanes.ROW, new Operations());
        setId("channels-view");
        note.setId("channels-note");
        note.setWrapText(true);
        note.setPadding(new Insets(6));
        table.setId("channels-table");
        details.setId("unblock-details");
        details.setWrapText(true);
        waitSites.setId("channel-wait-sites");
        columns();
        table.getSelectionModel().selectedItemProperty().addListener((o, a, use) -> select(use));

        showInThreads.setId("show-op-in-threads");
        showInThreads.setDisable(true);
        showInThreads.setMinWidth(Region.USE_PREF_SIZE);
        showInThreads.setOnAction(e -> jumpToSelectedOp());
        HBox.setHgrow(details, Priority.ALWAYS);
        details.setMaxWidth(Double.MAX_VALUE);
        HBox detailsBar = new HBox(8, details, showInThreads);
        detailsBar.setAlignment(Pos.CENTER_LEFT);
        detailsBar.setPadding(new Insets(6));
        canvas.setTracks(occupancy);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        VBox below = new VBox(canvas, detailsBar);
        channelsPane = new SplitPane(table, below);
        channelsPane.setOrientation(Orientation.VERTICAL);
        channelsPane.setDividerPositions(0.3);
        setTop(note);

    }

    /** What the canvas draws: the selected channel's lanes, and which operation a click is on. */
    private final class Operations implements TimelineCanvas.Content {
        @Override
        public void paint(GraphicsContext g, TimeAxis axis, double height, double scrollY) {
            Channel channel = selected == null ? null : selected.channel();
            // The chart follows the channel, the range and the model, not a selected operation or the rows.
            OccupancyKey key = new OccupancyKey(channel, timeline == null ? -1 : timeline.version(), axis.from(), axis.to());
            if (!key.equals(occupancyShown)) {
                occupancy.update(channel, viewport);
                occupancyShown = key;
            }
            lanes.paint(g, timeline, channel, axis, height, scrollY, selectedOp, unblocker);
        }

        @Override
        public void click(TimeAxis axis, double x, double y) {
            int lane = lanes.laneOf(canvas.rowAt(y));
            if (selected == null || timeline == null || x < TimelineCanvas.LANE_LEFT || lane < 0) {
                return;
            }
            long slack = axis.nanos(3);
            selectOperation(timeline.read(() -> selected.channel().opNear(lane, axis.time(x), slack)));
        }
    }

    private void columns() {
        table.setPlaceholder(new Label("No channels"));
        table.getColumns().add(Columns.text("Channel", 190, u -> u.channel().simpleName() + " #" + u.channel().agentId()));
        table.getColumns().add(Columns.text("Capacity", 80, u -> capacity(u.channel())));
        table.getColumns().add(Columns.text("Created at", 300, this::createdAt));
        table.getColumns().add(Columns.number("Operations", 90, ChannelUse::operations, n -> String.format("%,d", n)));
        table.getColumns().add(Columns.number("Blocked sends", 100, ChannelUse::blockedSends, n -> String.format("%,d", n)));
        table.getColumns().add(Columns.number("Send wait", 90, ChannelUse::blockedSendNanos, TimeFormat::duration));
        table.getColumns().add(Columns.number("Blocked receives", 110, ChannelUse::blockedReceives, n -> String.format("%,d", n)));
        table.getColumns().add(Columns.number("Receive wait", 90, ChannelUse::blockedReceiveNanos, TimeFormat::duration));
        table.getColumns().add(Columns.number("Peak size", 80, ChannelUse::peakSize, n -> n < 0 ? "?" : String.valueOf(n)));
        table.getColumns().add(Columns.number("Senders", 70, u -> u.senders().cardinality(), String::valueOf));
        table.getColumns().add(Columns.number("Receivers", 80, u -> u.receivers().cardinality(), String::valueOf));
    }

    /** Draws the lanes and the occupancy chart in {@code theme}'s colours. */
    public void setTheme(CanvasTheme theme) {
        lanes.setTheme(theme);
        occupancy.setTheme(theme);
        canvas.setTheme(theme);
    }

    /** The timeline keys ({@link TimelineCanvas#handleKey}); the window forwards keys here while the tab is shown. */
    public void handleKey(KeyEvent e) {
        canvas.handleKey(e);
    }

    /** Shows {@code shown} (null for none), or the same timeline grown (live). */
    public void setTimeline(Timeline shown) {
        boolean same = shown == timeline;
        long keep = same && selected != null ? selected.channel().agentId() : Long.MIN_VALUE;
        timeline = shown;
        canvas.setTimeline(shown);
        List<ChannelUse> uses = new ArrayList<>();
        sites.clear();
        int unusedJdkQueues = 0;
        if (shown != null) {
            shown.readLock().lock();
            try {
                for (Channel channel : shown.channels()) {
                    ChannelUse use = ChannelUse.of(channel);
                    CreationSite site = CreationSite.of(shown.stacks(), channel.createdStack());
                    if (site != null && site.jdkInternal() && use.operations() == 0) {
                        unusedJdkQueues++; // not the program's, and nothing happened on it
                        continue;
                    }
                    uses.add(use);
                    if (site != null) {
                        sites.put(channel.index(), site);
                    }
                }
                waitSites.show(shown.channels().isEmpty() ? shown : null);
            } finally {
                shown.readLock().unlock();
            }
        } else {
            waitSites.show(null);
        }
        uses.sort(Comparator.comparingLong(ChannelUse::blockedNanos).reversed());
        boolean tier1 = !uses.isEmpty() || unusedJdkQueues > 0;
        setCenter(tier1 ? channelsPane : waitSites);
        note.setText(tier1 ? uses.size() + " channels (blocking queues), the most waited-on first. Select one for its "
                + "occupancy and its senders and receivers; click a blocked operation to see who unblocked it."
                + (unusedJdkQueues == 0 ? "" : " Not listed: " + unusedJdkQueues + " queue" + (unusedJdkQueues == 1 ? "" : "s")
                        + " the JDK created for itself and never used.")
                : "Waits at put/take sites, grouped by where the program waits. Which queue each wait was on, "
                + "its occupancy and who unblocked whom need the Loomscope agent at its full level (attach with "
                + "the agent for every virtual thread, or loomscope record --agent-full).");
        table.setItems(FXCollections.observableArrayList(uses));
        ChannelUse again = uses.stream().filter(u -> u.channel().agentId() == keep).findFirst().orElse(null);
        if (again != null) {
            table.getSelectionModel().select(again);
        } else if (tier1) {
            table.getSelectionModel().selectFirst();
        } else {
            select(null);
        }
    }

    /** Selects the channel at {@code index} in {@link Timeline#channels()}. */
    public void selectChannel(int index) {
        table.getItems().stream().filter(u -> u.channel().index() == index).findFirst()
                .ifPresent(u -> {
                    table.getSelectionModel().select(u);
                    table.scrollTo(u);
                });
    }

    /** Selects operation {@code op} of the selected channel, as a click on it would. */
    public void selectOperation(int op) {
        selectedOp = op;
        unblocker = op < 0 || selected == null || timeline == null ? -1
                : timeline.read(() -> selected.channel().unblockerOf(op));
        describe();
        canvas.repaint();
    }

    /** Where instant {@code time} of lane {@code lane}'s row is on screen, or null if it has no row. For tests. */
    public Point2D screenPoint(int lane, long time) {
        int row = lanes.rowOf(lane);
        return row < 0 ? null : canvas.screenPoint(time, row);
    }

    /** The occupancy chart's plot area, {minX, maxX} in its viewer, as last drawn (for tests). */
    public double[] occupancyPlotSpan() {
        return ChartTrack.plotSpan(occupancy);
    }

    public TableView<ChannelUse> table() {
        return table;
    }

    public String details() {
        return details.getText();
    }

    private void select(ChannelUse use) {
        selected = use;
        selectedOp = -1;
        unblocker = -1;
        if (timeline != null) {
            timeline.readLock().lock();
            try {
                lanes.setChannel(timeline, use);
            } finally {
                timeline.readLock().unlock();
            }
        }
        canvas.setRowCount(lanes.rowCount());
        describe();
    }

    private void describe() {
        showInThreads.setDisable(selectedOp < 0);
        if (selected == null || selectedOp < 0 || timeline == null) {
            details.setText("Click a blocked send or receive to see who unblocked it.");
            return;
        }
        timeline.readLock().lock();
        try {
            details.setText(Unblocking.describe(timeline, selected.channel(), selectedOp));
        } finally {
            timeline.readLock().unlock();
        }
    }

    private void jumpToSelectedOp() {
        if (selected != null && selectedOp >= 0) {
            Channel channel = selected.channel();
            // The middle: at its end the thread already runs again, finishing the call.
            onJump.accept(channel.opLane(selectedOp), (channel.opStart(selectedOp) + channel.opEnd(selectedOp)) / 2);
        }
    }

    private String createdAt(ChannelUse use) {
        if (timeline == null || use.channel().createdStack() < 0) {
            return "(before the recording, or not seen)";
        }
        CreationSite site = sites.get(use.channel().index());
        return site == null ? "" : site.text();
    }

    private static String capacity(Channel channel) {
        if (!channel.capacityKnown()) {
            return "not recorded";
        }
        if (channel.capacity() == 0) {
            return "0 (hand-off)";
        }
        return channel.bounded() ? String.valueOf(channel.capacity()) : "unbounded";
    }
}
