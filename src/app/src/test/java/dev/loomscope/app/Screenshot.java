package dev.loomscope.app;

import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A picture of the app's window, kept in {@code target/screenshots}, and the questions a test asks
 * of it: how varied it is, how much of it is a given colour.
 */
final class Screenshot {
    private final int[] argb;
    private final Path file;
    private final int width;

    /** Takes a picture of {@code app}'s window and writes it as {@code name}. */
    static Screenshot of(LoomscopeApp app, String name) throws Exception {
        return of(app.window().stage().getScene(), name);
    }

    /** Takes a picture of {@code scene} (another window of the app) and writes it as {@code name}. */
    static Screenshot of(javafx.scene.Scene scene, String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        Path file = Path.of(System.getProperty("loomscope.screenshots", "target/screenshots"), name);
        PngImages.write(image, file);
        return new Screenshot(image, file);
    }

    /** Takes a picture of {@code node} alone (a chart, a canvas) and writes it as {@code name}. */
    static Screenshot of(javafx.scene.Node node, String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get(10, TimeUnit.SECONDS);
        Path file = Path.of(System.getProperty("loomscope.screenshots", "target/screenshots"), name);
        PngImages.write(image, file);
        return new Screenshot(image, file);
    }

    private Screenshot(Image image, Path file) {
        this.file = file;
        this.width = (int) image.getWidth();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
    }

    /** Where the picture was written. */
    Path file() {
        return file;
    }

    int distinctColours() {
        Set<Integer> colours = new HashSet<>();
        for (int p : argb) {
            colours.add(p);
        }
        return colours.size();
    }

    /** The share of pixels of row {@code y} from {@code x0} to {@code x1} that are far from {@code colour}. */
    double shareUnlike(Color colour, int y, int x0, int x1) {
        long unlike = 0;
        for (int x = x0; x < x1; x++) {
            if (!close(argb[y * width + x], colour)) {
                unlike++;
            }
        }
        return (double) unlike / Math.max(1, x1 - x0);
    }

    private static boolean close(int p, Color colour) {
        int dr = ((p >> 16) & 0xff) - (int) Math.round(colour.getRed() * 255);
        int dg = ((p >> 8) & 0xff) - (int) Math.round(colour.getGreen() * 255);
        int db = (p & 0xff) - (int) Math.round(colour.getBlue() * 255);
        return dr * dr + dg * dg + db * db < 3 * 12 * 12;
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
