package dev.loomscope.app.render;

import dev.loomscope.app.ViewLink;
import dev.loomscope.app.canvas.StatePalette;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.testing.SampleRecordings;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loomscope render} on a real recording, headless, and the PNG it writes read back. */
class RenderCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RenderCommand command = new RenderCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void drawsThePipelineThreadsWithItsBlockedSenders(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("threads.png");
        int code = command.run(List.of(SampleRecordings.pipeline().toString(), "--view", "threads",
                "-o", png.toString(), "--width", "1200", "--height", "700"));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(700, image.getHeight());
        // The pipeline's four sources spend most of their lives blocked on a full queue.
        double send = share(image, StatePalette.color(ThreadState.BLOCKED_SEND));
        assertTrue(send > 0.05, "blocked-send share " + send);
    }

    @Test
    void drawsWhatALinkFromTheAppNames(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("linked.png");
        String link = new ViewLink(SampleRecordings.pipeline(), 100_000_000L, 300_000_000L, "pipeline-sink", 0).format();

        int code = command.run(List.of(link, "--view", "threads", "-o", png.toString(), "--width", "800", "--height", "400"));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Path ranged = dir.resolve("ranged.png");
        assertEquals(0, command.run(List.of(SampleRecordings.pipeline().toString(), "--range", "0.1:0.3", "--view",
                "threads", "-o", ranged.toString(), "--width", "800", "--height", "400")));
        assertArrayEquals(pixels(ImageIO.read(ranged.toFile())), pixels(ImageIO.read(png.toFile())),
                "the link's range is --range's");
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void drawsTheCarriers(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("carriers.png");
        int code = command.run(List.of(SampleRecordings.starvedWithAgent().toString(), "--view", "carriers",
                "-o", png.toString()));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(distinctColours(ImageIO.read(png.toFile())) > 20, "a carriers picture, not a blank one");
    }

    @Test
    void anUnknownViewIsAClearErrorAndWritesNothing(@TempDir Path dir) {
        Path png = dir.resolve("x.png");
        int code = command.run(List.of(SampleRecordings.pipeline().toString(), "--view", "gantt", "-o", png.toString()));

        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no view 'gantt'"), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(png));
    }

    private static double share(BufferedImage image, Color colour) {
        int r = (int) Math.round(colour.getRed() * 255);
        int g = (int) Math.round(colour.getGreen() * 255);
        int b = (int) Math.round(colour.getBlue() * 255);
        long close = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 0xff) - r;
                int dg = ((p >> 8) & 0xff) - g;
                int db = (p & 0xff) - b;
                if (dr * dr + dg * dg + db * db < 3 * 12 * 12) {
                    close++;
                }
            }
        }
        return (double) close / (image.getWidth() * image.getHeight());
    }

    private static int distinctColours(BufferedImage image) {
        return (int) java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()))
                .distinct().count();
    }
}
