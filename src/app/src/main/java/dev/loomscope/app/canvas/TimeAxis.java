package dev.loomscope.app.canvas;

/**
 * Where time is on a timeline canvas: {@code [from, to]} spread over the lane area, which starts
 * at {@link TimelineCanvas#LANE_LEFT} and ends at {@code width}. One mapping for painting and for
 * picking, so what is drawn at a pixel is what a click there finds.
 */
public record TimeAxis(long from, long to, double width) {
    /** The lane area's width in pixels, at least one. */
    public double laneWidth() {
        return Math.max(1, width - TimelineCanvas.LANE_LEFT);
    }

    /** The lane area's width in whole pixels, as a level-of-detail query asks for it. */
    public int pixels() {
        return (int) Math.ceil(laneWidth());
    }

    /** Pixels per nanosecond. */
    public double scale() {
        return laneWidth() / Math.max(1, to - from);
    }

    /** The x of instant {@code time}. */
    public double x(long time) {
        return TimelineCanvas.LANE_LEFT + (time - from) * scale();
    }

    /** The instant at {@code x}. */
    public long time(double x) {
        return from + Math.round((x - TimelineCanvas.LANE_LEFT) / laneWidth() * (to - from));
    }

    /** How many nanoseconds {@code pixels} pixels span. */
    public long nanos(double pixels) {
        return Math.round(pixels / laneWidth() * (to - from));
    }
}
