package dev.loomscope.app.render;

import dev.loomscope.app.PngImages;
import dev.loomscope.app.ViewLink;
import dev.loomscope.app.carriers.CarriersView;
import dev.loomscope.app.channels.ChannelsView;
import dev.loomscope.app.futures.FuturesView;
import dev.loomscope.app.threads.ThreadsView;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.cli.Cli;
import dev.loomscope.core.export.ExportScope;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Timeline;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code loomscope render FILE.jfr --view threads|carriers|futures|channels -o OUT.png
 * [--width W] [--height H] [--range FROM:TO]}: draws a view of a recording exactly as the app does, without a
 * screen (JavaFX on Monocle's headless platform, software rendering), and writes it as PNG.
 * The README's pictures are made this way.
 */
public final class RenderCommand {
    public static final String USAGE = """
              loomscope render FILE.jfr|LINK --view threads|carriers|futures|channels -o OUT.png [--width W] [--height H] [--range FROM:TO]
                                            draw a view as the app would, headless, into a PNG (FROM and TO in seconds;
                                            LINK: the app's View > Copy link, its file and range)
            """;

    private static final List<String> VIEWS = List.of("threads", "carriers", "futures", "channels");

    private final PrintStream out;
    private final PrintStream err;

    public RenderCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        if (Cli.asksForHelp(args)) {
            out.print("Usage:\n" + USAGE);
            return 0;
        }
        Path file = null;
        Path output = null;
        String view = "threads";
        int width = 1600;
        int height = 1000;
        long[] range = null;
        long[] linkRange = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--view" -> view = value(args, ++i, arg);
                    case "-o", "--output" -> output = Path.of(value(args, ++i, arg));
                    case "--width" -> width = Integer.parseInt(value(args, ++i, arg));
                    case "--height" -> height = Integer.parseInt(value(args, ++i, arg));
                    case "--range" -> range = ExportScope.parseRange(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-") || file != null) {
                            throw new IllegalArgumentException("render does not know '" + arg + "'");
                        }
                        if (ViewLink.isLink(arg)) { // the app's link: its file, and its range unless --range says
                            ViewLink link = ViewLink.parse(arg);
                            file = link.file();
                            linkRange = new long[] {link.from(), link.to()};
                        } else {
                            file = Path.of(arg);
                        }
                    }
                }
            }
            if (range == null) {
                range = linkRange;
            }
            if (file == null || output == null) {
                throw new IllegalArgumentException("render takes a recording and -o OUT.png");
            }
            if (!VIEWS.contains(view)) {
                throw new IllegalArgumentException("no view '" + view + "': " + String.join(", ", VIEWS));
            }
            Timeline timeline = RecordingLoader.load(file, LoadMonitor.NONE);
            render(timeline, view, width, height, range, output);
            out.println("Wrote " + output + " (" + view + ", " + width + "x" + height + ")");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("loomscope: " + e.getMessage());
            err.print("Usage:\n" + USAGE);
            return 2;
        } catch (IOException e) {
            err.println("loomscope: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Draws {@code view} of {@code timeline} at the given size into {@code output}, over
     * {@code range} ({from, to} in nanoseconds), or the whole recording when it is null.
     */
    public static void render(Timeline timeline, String view, int width, int height, long[] range, Path output)
            throws IOException {
        Headless.start();
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Viewport viewport = new Viewport();
                Parent root = build(timeline, view, viewport);
                if (range != null) {
                    viewport.set(range[0], range[1]);
                } else if (root instanceof FuturesView futures) {
                    futures.fitToFutures(); // as its Fit button: futures often live in a few ms
                }
                Scene scene = new Scene(root, width, height);
                scene.getStylesheets().add(PngImages.class.getResource("loomscope.css").toExternalForm());
                root.applyCss();
                root.layout();
                // The views paint on the next turn of the FX thread: snapshot after it.
                Platform.runLater(() -> Platform.runLater(() -> {
                    try {
                        root.layout();
                        shot.complete(scene.snapshot(null));
                    } catch (RuntimeException e) {
                        shot.completeExceptionally(e);
                    }
                }));
            } catch (RuntimeException e) {
                shot.completeExceptionally(e);
            }
        });
        try {
            PngImages.write(shot.get(60, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            throw new IOException("rendering failed: " + e.getMessage(), e);
        }
    }

    private static Parent build(Timeline timeline, String view, Viewport viewport) {
        return switch (view) {
            case "threads" -> {
                ThreadsView threads = new ThreadsView(viewport);
                threads.setTimeline(timeline);
                yield threads;
            }
            case "carriers" -> {
                CarriersView carriers = new CarriersView(viewport, (lane, t) -> { });
                viewport.reset(timeline.durationNanos());
                carriers.setTimeline(timeline);
                yield carriers;
            }
            case "channels" -> {
                ChannelsView channels = new ChannelsView(viewport, (lane, t) -> { });
                viewport.reset(timeline.durationNanos());
                channels.setTimeline(timeline);
                yield channels;
            }
            case "futures" -> {
                FuturesView futures = new FuturesView(viewport, (lane, t) -> { });
                viewport.reset(timeline.durationNanos());
                futures.setTimeline(timeline);
                yield futures;
            }
            default -> throw new IllegalArgumentException("no view '" + view + "': " + String.join(", ", VIEWS));
        };
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
