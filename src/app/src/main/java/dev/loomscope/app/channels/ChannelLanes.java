package dev.loomscope.app.channels;

import dev.loomscope.app.canvas.Arrows;
import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.StatePalette;
import dev.loomscope.app.canvas.TimelineCanvas;
import dev.loomscope.app.canvas.TimeAxis;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.waits.ChannelUse;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * A lane per thread that used the selected channel, senders first: its blocked sends and receives
 * as bars, its operations that did not block as ticks. The selected operation is framed, and an
 * arrow runs from the operation that unblocked it (the counterpart that made room or brought an
 * item) to it. Only operations in the visible range are visited, and only rows on screen drawn.
 */
final class ChannelLanes {
    static final double ROW = 20;
    static final double LABEL = TimelineCanvas.LANE_LEFT;
    private static final Font FONT = Font.font("System", 11);
    private static final Color TICK = Color.web("#9aa8b8");
    private static final Color UNBLOCKER = Color.web("#2ca02c");

    private final List<Integer> rows = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private int[] rowOfLane = new int[0];
    private CanvasTheme theme = CanvasTheme.LIGHT;

    void setTheme(CanvasTheme shown) {
        theme = shown;
    }

    /** Sets the lanes to draw for {@code use} (null for none). */
    void setChannel(Timeline timeline, ChannelUse use) {
        rows.clear();
        roles.clear();
        if (timeline == null || use == null) {
            rowOfLane = new int[0];
            return;
        }
        BitSet all = (BitSet) use.senders().clone();
        all.or(use.receivers());
        List<Integer> lanes = new ArrayList<>(all.stream().boxed().toList());
        lanes.sort(Comparator.comparing((Integer lane) -> !use.senders().get(lane))
                .thenComparing(lane -> timeline.lane(lane).name()));
        rowOfLane = new int[timeline.laneCount()];
        Arrays.fill(rowOfLane, -1);
        for (int lane : lanes) {
            rowOfLane[lane] = rows.size();
            rows.add(lane);
            boolean sends = use.senders().get(lane);
            boolean receives = use.receivers().get(lane);
            roles.add(sends && receives ? "sends, receives" : sends ? "sends" : "receives");
        }
    }

    int rowCount() {
        return rows.size();
    }

    /** The lane of row {@code row}, or -1. */
    int laneOf(int row) {
        return row >= 0 && row < rows.size() ? rows.get(row) : -1;
    }

    /** The row of {@code lane}, or -1 if it has none. */
    int rowOf(int lane) {
        return lane >= 0 && lane < rowOfLane.length ? rowOfLane[lane] : -1;
    }

    /**
     * Draws everything, {@code selectedOp} framed with an arrow from {@code unblocker} (-1: none);
     * call with the timeline's read lock held.
     */
    void paint(GraphicsContext g, Timeline timeline, Channel channel, TimeAxis axis, double height, double scrollY,
               int selectedOp, int unblocker) {
        double width = axis.width();
        g.setFill(theme.background());
        g.fillRect(0, 0, width, height);
        if (channel == null || width <= LABEL || axis.to() <= axis.from()) {
            return;
        }
        labels(g, timeline, width, height, scrollY);
        double[] lastTick = new double[rows.size()];
        Arrays.fill(lastTick, -1);
        int end = channel.firstEndingAtOrAfter(axis.to() + channel.longestOp() + 1);
        for (int i = channel.firstEndingAtOrAfter(axis.from()); i < end; i++) {
            if (channel.opStart(i) > axis.to()) {
                continue;
            }
            int row = rowOfLane[channel.opLane(i)];
            double y = row * ROW - scrollY;
            if (y + ROW < 0 || y > height) {
                continue;
            }
            double x0 = Math.max(LABEL, axis.x(channel.opStart(i)));
            double x1 = Math.min(width, axis.x(channel.opEnd(i)));
            if (channel.blocked(i) && x1 - x0 >= 1) {
                g.setFill(StatePalette.color(channel.op(i).isSend() ? ThreadState.BLOCKED_SEND : ThreadState.BLOCKED_RECV));
                g.fillRect(x0, y + 3, x1 - x0, ROW - 6);
            } else if (Math.floor(x1) != lastTick[row]) {
                lastTick[row] = Math.floor(x1);
                g.setFill(TICK);
                g.fillRect(Math.floor(x1), y + ROW / 2 - 3, 1, 6);
            }
        }
        if (selectedOp >= 0 && selectedOp < channel.opCount()) {
            selection(g, channel, axis, scrollY, selectedOp, unblocker);
        }
    }

    private void labels(GraphicsContext g, Timeline timeline, double width, double height, double scrollY) {
        g.setFont(FONT);
        g.setTextBaseline(VPos.CENTER);
        int last = Math.min(rows.size() - 1, (int) ((scrollY + height) / ROW));
        for (int r = Math.max(0, (int) (scrollY / ROW)); r <= last; r++) {
            double y = r * ROW - scrollY;
            if (r % 2 == 0) {
                g.setFill(theme.stripe());
                g.fillRect(0, y, width, ROW);
            }
            g.setFill(theme.text());
            g.fillText(timeline.lane(rows.get(r)).displayName() + "  (" + roles.get(r) + ")", 6, y + ROW / 2, LABEL - 10);
        }
        g.setStroke(theme.separator());
        g.strokeLine(LABEL - 0.5, 0, LABEL - 0.5, height);
    }

    private void selection(GraphicsContext g, Channel channel, TimeAxis axis, double scrollY, int op, int by) {
        double toX = axis.x(channel.opEnd(op));
        double toY = rowOf(channel.opLane(op)) * ROW + ROW / 2 - scrollY;
        frame(g, theme.selection(), axis.x(channel.opStart(op)), toX, toY);
        if (by < 0) {
            return;
        }
        double fromX = axis.x(channel.opEnd(by));
        double fromY = rowOf(channel.opLane(by)) * ROW + ROW / 2 - scrollY;
        frame(g, UNBLOCKER, axis.x(channel.opStart(by)), fromX, fromY);
        Arrows.draw(g, Arrows.LINK, 2, fromX, fromY, toX, toY);
    }

    private static void frame(GraphicsContext g, Color color, double x0, double x1, double centerY) {
        g.setStroke(color);
        g.setLineWidth(2);
        g.strokeRect(Math.max(LABEL, x0) - 1, centerY - ROW / 2 + 1, Math.max(3, x1 - Math.max(LABEL, x0) + 2), ROW - 2);
        g.setLineWidth(1);
    }
}
