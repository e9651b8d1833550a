package dev.loomscope.bench;

import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.app.render.Headless;
import dev.loomscope.app.threads.ThreadsView;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Threads view driven as a user drives it, headless (Monocle, software rendering), on the
 * scale benchmark's recordings of short-lived virtual threads: each action runs on the FX thread
 * and is followed by the paint it asks for; a frame is the two together. Issue 12's budgets: no
 * frame over 50 ms, a filter's result within 200 ms.
 */
final class UiBenchmark {
    private static final int WIDTH = 1600;
    private static final int HEIGHT = 900;
    private static final int STEPS = 10;

    void run() throws Exception {
        System.out.println("## The Threads view at scale\n");
        System.out.println("`bench/workloads/MillionThreads --threads N` as in the scale benchmark; the real `ThreadsView` at "
                + WIDTH + "x" + HEIGHT + " on Monocle's headless platform. Each action is followed by the paint it asks for; "
                + "frame = action + paint, in ms, max (median) over " + STEPS + " steps.\n");
        System.out.println("| threads | load s | view appears | first frame | zoom in | zoom out | pan | page down | unfold 'gen-#' "
                + "| page down, unfolded | fold | filter 'gen-99' | clear filter |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Headless.start();
        try {
            warmUp();
            for (int threads : List.of(100_000, 1_000_000)) {
                row(threads, ScaleBenchmark.recording(threads));
            }
        } finally {
            Platform.exit(); // the FX thread is no daemon: without this the benchmark never exits
        }
        System.out.println();
    }

    private static void row(int threads, Path file) throws Exception {
        long t0 = System.nanoTime();
        Timeline timeline = RecordingLoader.load(file, LoadMonitor.NONE);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        Viewport viewport = new Viewport();
        ThreadsView view = onFx(() -> new ThreadsView(viewport));
        List<String> cells = new ArrayList<>();
        cells.add(String.format("%,d", threads));
        cells.add(String.format("%.1f", loadSeconds));
        // The app shows a file from its first chunk on: the view is on screen, styled, while the
        // rest loads. Its appearance is one column, the whole file's first frame the next.
        cells.add(frames(view, 1, () -> {
            new Scene(view, WIDTH, HEIGHT);
            view.applyCss();
            view.layout();
        }));
        cells.add(frames(view, 1, () -> {
            view.setTimeline(timeline);
            view.applyCss();
            view.layout();
        }));
        long center = timeline.durationNanos() / 2;
        cells.add(frames(view, STEPS, () -> viewport.zoom(0.8, center)));
        cells.add(frames(view, STEPS, () -> viewport.zoom(1.25, center)));
        cells.add(frames(view, STEPS, () -> viewport.pan(viewport.width() / 10)));
        cells.add(frames(view, STEPS, () -> view.handleKey(key(KeyCode.PAGE_DOWN))));
        cells.add(frames(view, 1, () -> view.setFolded("gen-#", false)));
        cells.add(frames(view, STEPS, () -> view.handleKey(key(KeyCode.PAGE_DOWN))));
        cells.add(frames(view, 1, () -> view.setFolded("gen-#", true)));
        cells.add(frames(view, 1, () -> view.setFilter("gen-99")));
        cells.add(frames(view, 1, () -> view.setFilter("")));
        System.out.println("| " + String.join(" | ", cells) + " |");
    }

    /**
     * What the app's window has done before any timeline is drawn (its welcome page, or the
     * progress of the file it opens): the toolkit's first scene, CSS pass, text and canvas. Without
     * it the first frame measured the process's first JavaFX frame (about 150 ms at any size),
     * which no user waits for on a timeline.
     */
    private static void warmUp() throws Exception {
        onFx(() -> {
            javafx.scene.canvas.Canvas canvas = new javafx.scene.canvas.Canvas(200, 50);
            canvas.getGraphicsContext2D().fillText("Loomscope", 10, 20);
            javafx.scene.layout.VBox root = new javafx.scene.layout.VBox(new javafx.scene.control.Label("Loomscope"), canvas);
            new Scene(root, 200, 100);
            root.applyCss();
            root.layout();
            return null;
        });
        onFx(() -> null); // and the pulse after it
    }

    /** Runs {@code action} {@code times} times, each followed by its paint; "max (median)" frame ms. */
    private static String frames(ThreadsView view, int times, Runnable action) throws Exception {
        double[] frames = new double[times];
        for (int i = 0; i < times; i++) {
            double actionMs = onFx(() -> {
                long t0 = System.nanoTime();
                action.run();
                return (System.nanoTime() - t0) / 1e6;
            });
            // The paint was queued by the action: it has run once a later turn of the FX thread does.
            double paintMs = onFx(() -> view.lastPaintNanos() / 1e6);
            frames[i] = actionMs + paintMs;
        }
        double[] sorted = frames.clone();
        Arrays.sort(sorted);
        return times == 1 ? String.format("%.0f", frames[0])
                : String.format("%.0f (%.0f)", sorted[times - 1], sorted[times / 2]);
    }

    private static KeyEvent key(KeyCode code) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.MINUTES);
    }
}
