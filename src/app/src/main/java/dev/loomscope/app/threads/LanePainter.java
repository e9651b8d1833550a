package dev.loomscope.app.threads;

import dev.loomscope.app.canvas.Arrows;
import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.StatePalette;
import dev.loomscope.app.canvas.TimeAxis;
import dev.loomscope.app.canvas.TimelineCanvas;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.LodSpans;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.model.ViewportQuery;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws the rows of the Threads view: labels on the left, each lane's spans on the right, as the
 * {@link ViewportQuery} returns them for the visible range and the lane area's width. Only the
 * rows on screen are queried and drawn, so the cost follows the window, not the recording.
 */
final class LanePainter {
    static final double ROW_HEIGHT = 18;
    /** The most lanes of a folded group its header samples. */
    static final int DENSITY_LANES = 48;
    static final double LABEL_WIDTH = TimelineCanvas.LANE_LEFT;
    private static final Font LANE_FONT = Font.font("System", 11);
    private static final Font HEADER_FONT = Font.font("System", FontWeight.BOLD, 11);

    private final ViewportQuery query = new ViewportQuery();
    private final LodSpans spans = new LodSpans();
    private final StateDensity density = new StateDensity();
    private CanvasTheme theme = CanvasTheme.LIGHT;

    void setTheme(CanvasTheme shown) {
        theme = shown;
    }

    /** Paints the whole lane area; {@code scrollY} is the pixel offset of the first row. */
    void paint(GraphicsContext g, Timeline timeline, LaneRows rows, Viewport viewport, double width,
               double height, double scrollY, SpanPick selected, UnblockLink unblock, java.util.Set<String> collapsed,
               LaneMarks marks) {
        g.setFill(theme.background());
        g.fillRect(0, 0, width, height);
        if (timeline == null || width <= LABEL_WIDTH) {
            return;
        }
        int first = Math.max(0, (int) (scrollY / ROW_HEIGHT));
        int last = Math.min(rows.size() - 1, (int) ((scrollY + height) / ROW_HEIGHT));
        double laneWidth = width - LABEL_WIDTH;
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        for (int r = first; r <= last; r++) {
            double y = r * ROW_HEIGHT - scrollY;
            LaneRows.Row row = rows.row(r);
            switch (row.kind()) {
                case SECTION -> header(g, y, width, theme.sectionFill(), theme.sectionText(),
                        row.label() + "  (" + row.count() + ")");
                case GROUP -> {
                    boolean folded = collapsed.contains(LaneRows.key(row.group()));
                    header(g, y, width, theme.groupFill(), theme.text(),
                            (folded ? "▸ " : "▾ ") + row.label() + "  (" + row.count() + ")");
                    if (folded) {
                        density(g, timeline, row, viewport, y, laneWidth);
                    }
                }
                case LANE -> {
                    lane(g, timeline, row, r, y, laneWidth, viewport, selected);
                    mark(g, marks, row.lane(), y, width);
                }
            }
        }
        g.setStroke(theme.separator());
        g.strokeLine(LABEL_WIDTH - 0.5, 0, LABEL_WIDTH - 0.5, height);
        unblockArrow(g, rows, viewport, laneWidth, scrollY, unblock);
    }

    /**
     * A folded group's header shows what its threads did: per pixel, how many of them were in each
     * state, from a sample of at most {@value #DENSITY_LANES} and scaled to the busiest pixel in
     * view, so a million similar threads read as one row.
     */
    private void density(GraphicsContext g, Timeline timeline, LaneRows.Row row, Viewport viewport, double y,
                         double laneWidth) {
        density.count(timeline, row.members(), viewport.from(), viewport.to(), (int) Math.ceil(laneWidth), DENSITY_LANES);
        double height = ROW_HEIGHT - 4;
        // Scaled to the busiest pixel in view: short-lived threads are few at any instant.
        density.draw(g, LABEL_WIDTH, y + ROW_HEIGHT - 2, height / density.peak());
    }

    /** "Who unblocked me": an arrow between the two lanes, when both are shown. */
    private static void unblockArrow(GraphicsContext g, LaneRows rows, Viewport viewport, double laneWidth,
                                     double scrollY, UnblockLink link) {
        int fromRow = link == null ? -1 : rows.indexOfLane(link.fromLane());
        int toRow = link == null ? -1 : rows.indexOfLane(link.toLane());
        if (fromRow < 0 || toRow < 0) {
            return;
        }
        double scale = laneWidth / viewport.width();
        Arrows.draw(g, Arrows.LINK, 2,
                LABEL_WIDTH + (link.fromTime() - viewport.from()) * scale, (fromRow + 0.5) * ROW_HEIGHT - scrollY,
                LABEL_WIDTH + (link.toTime() - viewport.from()) * scale, (toRow + 0.5) * ROW_HEIGHT - scrollY);
    }

    private void header(GraphicsContext g, double y, double width, Color fill, Color text, String label) {
        g.setFill(fill);
        g.fillRect(0, y, width, ROW_HEIGHT);
        g.setFill(text);
        g.setFont(HEADER_FONT);
        g.fillText(label, 6, y + ROW_HEIGHT / 2);
    }

    private void lane(GraphicsContext g, Timeline timeline, LaneRows.Row row, int index, double y,
                      double laneWidth, Viewport viewport, SpanPick selected) {
        if (index % 2 == 0) {
            g.setFill(theme.stripe());
            g.fillRect(LABEL_WIDTH, y, laneWidth, ROW_HEIGHT);
        }
        g.setFill(theme.background());
        g.fillRect(0, y, LABEL_WIDTH - 1, ROW_HEIGHT);
        g.setFill(theme.text());
        g.setFont(LANE_FONT);
        g.fillText(clip(row.label()), 14, y + ROW_HEIGHT / 2);

        int pixels = (int) Math.ceil(laneWidth);
        query.query(timeline.lane(row.lane()), viewport.from(), viewport.to(), pixels, spans);
        double scale = laneWidth / viewport.width();
        for (int i = 0; i < spans.size(); i++) {
            double x0 = LABEL_WIDTH + (spans.start(i) - viewport.from()) * scale;
            double x1 = LABEL_WIDTH + (spans.end(i) - viewport.from()) * scale;
            g.setFill(StatePalette.color(spans.state(i), spans.inferred(i)));
            g.fillRect(x0, y + 2, Math.max(1, x1 - x0), ROW_HEIGHT - 4);
        }
        if (selected != null && selected.lane() == row.lane()) {
            double x0 = LABEL_WIDTH + (selected.start() - viewport.from()) * scale;
            double x1 = LABEL_WIDTH + (selected.end() - viewport.from()) * scale;
            g.setStroke(theme.selection());
            g.setLineWidth(2);
            g.strokeRect(Math.max(LABEL_WIDTH, x0), y + 1, Math.max(2, Math.min(x1, LABEL_WIDTH + laneWidth) - Math.max(LABEL_WIDTH, x0)), ROW_HEIGHT - 2);
            g.setLineWidth(1);
        }
    }

    /** A finding's badge left of the label, and a frame around evidence lanes. */
    private static void mark(GraphicsContext g, LaneMarks marks, int lane, double y, double width) {
        dev.loomscope.core.detect.Severity severity = marks.badges().get(lane);
        if (severity != null) {
            g.setFill(BADGE[severity.ordinal()]);
            g.fillOval(3, y + ROW_HEIGHT / 2 - 4, 8, 8);
        }
        if (marks.highlighted().contains(lane)) {
            g.setStroke(Color.web("#d08770"));
            g.setLineWidth(2);
            g.strokeRect(1, y + 1, width - 2, ROW_HEIGHT - 2);
            g.setLineWidth(1);
        }
    }

    /** Badge colours by severity, info to critical. */
    private static final Color[] BADGE = {Color.web("#81a1c1"), Color.web("#a3be8c"), Color.web("#ebcb8b"),
        Color.web("#d08770"), Color.web("#bf616a")};

    /**
     * What is drawn at {@code time} on lane {@code laneId} at the current zoom, or null. A merged
     * pixel is represented by the span covering most of it, with the number of spans it merges.
     */
    SpanPick pick(Timeline timeline, int laneId, long time, TimeAxis axis) {
        Lane lane = timeline.lane(laneId);
        query.query(lane, axis.from(), axis.to(), axis.pixels(), spans);
        int i = spans.indexAt(time);
        if (i < 0) {
            return null;
        }
        int span = spans.spanIndex(i);
        if (!spans.isMerged(i)) {
            return span >= 0 ? exact(lane, span, 1)
                    : new SpanPick(laneId, -1, spans.start(i), spans.end(i), spans.state(i), spans.inferred(i), 1, -1, -1);
        }
        int count = lane.firstSpanStartingAtOrAfter(spans.end(i)) - lane.firstSpanEndingAfter(spans.start(i));
        int longest = lane.longestSpanIn(spans.start(i), spans.end(i));
        int stack = longest >= 0 ? lane.spanStack(longest) : -1;
        int link = longest >= 0 ? lane.spanLink(longest) : -1;
        return new SpanPick(laneId, longest, spans.start(i), spans.end(i), spans.state(i), spans.inferred(i),
                Math.max(2, count), stack, link);
    }

    private static SpanPick exact(Lane lane, int span, int merged) {
        return new SpanPick(lane.id(), span, lane.spanStart(span), lane.spanEnd(span), lane.spanState(span),
                lane.spanInferred(span), merged, lane.spanStack(span), lane.spanLink(span));
    }

    private static String clip(String label) {
        return label.length() > 34 ? label.substring(0, 33) + "…" : label;
    }
}
