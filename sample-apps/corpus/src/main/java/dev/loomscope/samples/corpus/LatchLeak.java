package dev.loomscope.samples.corpus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A latch that never opens: configuration loaders each load one source, count down, and wait for
 * all sources before building the merged view, but the latch still counts a source that was
 * removed from the list.
 *
 * <p>Ground truth: a fixed pool of 3 platform threads {@code loader-1} to {@code loader-3} (named
 * by a {@code ThreadFactory}) each count down a {@code CountDownLatch(4)} once and then block
 * forever in {@code CountDownLatch.await()} in {@link #loadAndMerge}: 3 count-downs for 4 (the bug).
 * They wait from about 0 s until the end. Main waits until they are all stuck, then
 * {@value #STUCK_MILLIS} ms ({@link Stuck}), and calls
 * {@code System.exit(0)} while the loaders are still waiting (they are not daemons).
 */
public final class LatchLeak {
    static final long STUCK_MILLIS = 3_000;
    /** "remote" was dropped from this list; ALL_SOURCES was not updated. */
    static final List<String> SOURCES = List.of("defaults", "environment", "file");
    static final int ALL_SOURCES = 4;

    private final Map<String, String> settings = new ConcurrentHashMap<>();
    private final CountDownLatch allLoaded = new CountDownLatch(ALL_SOURCES);

    public static void main(String[] args) throws InterruptedException {
        LatchLeak config = new LatchLeak();
        ExecutorService loaders = Executors.newFixedThreadPool(SOURCES.size(), new LoaderThreads());
        for (String source : SOURCES) {
            loaders.execute(() -> config.loadAndMerge(source));
        }
        loaders.shutdown();
        Stuck.hold(() -> config.allLoaded.getCount() == ALL_SOURCES - SOURCES.size(), STUCK_MILLIS);
        System.out.println("configuration not ready, latch count " + config.allLoaded.getCount());
        System.exit(0);
    }

    void loadAndMerge(String source) {
        settings.put(source + ".loaded", Long.toString(System.currentTimeMillis()));
        allLoaded.countDown();
        try {
            allLoaded.await(); // never opens: 3 sources count down a latch of 4
            System.out.println(source + " sees " + settings.size() + " settings");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names pool threads loader-1, loader-2, ... */
    static final class LoaderThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable task) {
            return Thread.ofPlatform().name("loader-" + next.getAndIncrement()).unstarted(task);
        }
    }
}
