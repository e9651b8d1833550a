package dev.loomscope.app.canvas;

import javafx.scene.paint.Color;

/**
 * The colours every timeline canvas, ruler and chart track is drawn in besides the states (the
 * {@link StatePalette} reads on both): one palette for lanes and charts, light or dark as the
 * window's theme is. The dark one is the dark stylesheet's Nord base, so canvases and controls
 * match.
 *
 * @param background what nothing is drawn on
 * @param stripe every other row
 * @param text labels
 * @param muted secondary text: notes, the ruler's times
 * @param separator the line right of the label column, and the charts' grid
 * @param sectionFill the header of a kind of thread (virtual, platform, JVM)
 * @param sectionText its text
 * @param groupFill the header of a group of threads or a chain of futures
 * @param rulerFill the ruler's background
 * @param tick the ruler's ticks, and marks that must not compete with states
 * @param selection the frame around what is selected
 */
public record CanvasTheme(Color background, Color stripe, Color text, Color muted, Color separator,
                          Color sectionFill, Color sectionText, Color groupFill, Color rulerFill, Color tick,
                          Color selection) {
    public static final CanvasTheme LIGHT = new CanvasTheme(Color.WHITE, Color.web("#f7f8fa"), Color.web("#2e3440"),
            Color.web("#4c566a"), Color.web("#d8dee9"), Color.web("#3b4252"), Color.WHITE, Color.web("#e5e9f0"),
            Color.web("#fafbfc"), Color.web("#9aa5b5"), Color.BLACK);
    public static final CanvasTheme DARK = new CanvasTheme(Color.web("#2e3440"), Color.web("#343b48"), Color.web("#e5e9f0"),
            Color.web("#d8dee9"), Color.web("#4c566a"), Color.web("#434c5e"), Color.web("#eceff4"), Color.web("#3b4252"),
            Color.web("#3b4252"), Color.web("#81a1c1"), Color.web("#eceff4"));

    /** {@code color} for jfreechart, which draws with AWT. */
    public static java.awt.Color awt(Color color) {
        return new java.awt.Color((float) color.getRed(), (float) color.getGreen(), (float) color.getBlue(),
                (float) color.getOpacity());
    }
}
