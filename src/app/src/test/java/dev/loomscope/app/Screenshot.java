package dev.loomscope.app;

import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;

import java.util.HashSet;
import java.util.Set;

/** Questions a test asks of a screenshot: how varied it is, how much of it is a given colour. */
final class Screenshot {
    private final int[] argb;

    Screenshot(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
    }

    int distinctColours() {
        Set<Integer> colours = new HashSet<>();
        for (int p : argb) {
            colours.add(p);
        }
        return colours.size();
    }

    /** The share of pixels within a small distance of {@code colour}. */
    double share(Color colour) {
        int r = (int) Math.round(colour.getRed() * 255);
        int g = (int) Math.round(colour.getGreen() * 255);
        int b = (int) Math.round(colour.getBlue() * 255);
        long close = 0;
        for (int p : argb) {
            int dr = ((p >> 16) & 0xff) - r;
            int dg = ((p >> 8) & 0xff) - g;
            int db = (p & 0xff) - b;
            if (dr * dr + dg * dg + db * db < 3 * 12 * 12) {
                close++;
            }
        }
        return (double) close / argb.length;
    }
}
