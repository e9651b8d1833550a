package dev.loomscope.samples.pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pinning on JDK 24+: {@code synchronized} no longer pins, but a class initializer still does. A
 * virtual thread that blocks inside a static initializer holds its carrier for the whole block,
 * and so does every virtual thread that waits for that initialization to finish.
 *
 * <p>Ground truth the tests rely on: 16 virtual threads {@code pinning-worker-N} each look up
 * {@link Catalog#price}; the first to arrive runs {@code Catalog}'s static initializer, which
 * sleeps {@value Catalog#LOAD_MILLIS} ms (as if reading a file); the others wait for it. Both are
 * pinned parks with {@code Catalog.<clinit>} or {@code Pinning.lookUp} on the stack. This is done
 * for three catalogs in turn.
 */
public final class Pinning {
    static final int WORKERS = 16;

    public static void main(String[] args) throws InterruptedException {
        long total = 0;
        total += round("books", Catalog::price);
        total += round("music", Catalog.Music::price);
        total += round("games", Catalog.Games::price);
        System.out.println("priced " + total);
    }

    private static long round(String item, java.util.function.ToIntFunction<String> catalog) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        long[] prices = new long[WORKERS];
        for (int i = 0; i < WORKERS; i++) {
            int id = i;
            workers.add(Thread.ofVirtual().name("pinning-worker-" + item + "-" + i)
                    .start(() -> prices[id] = lookUp(catalog, item)));
        }
        long sum = 0;
        for (int i = 0; i < WORKERS; i++) {
            workers.get(i).join();
            sum += prices[i];
        }
        return sum;
    }

    private static int lookUp(java.util.function.ToIntFunction<String> catalog, String item) {
        return catalog.applyAsInt(item);
    }

    /** A catalog whose static initializer blocks: the pinning site. */
    static final class Catalog {
        static final long LOAD_MILLIS = 150;
        private static final int BASE = load();

        static int price(String item) {
            return BASE + item.length();
        }

        private static int load() {
            try {
                TimeUnit.MILLISECONDS.sleep(LOAD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 10;
        }

        static final class Music {
            private static final int BASE = load();

            static int price(String item) {
                return BASE + 1;
            }
        }

        static final class Games {
            private static final int BASE = load();

            static int price(String item) {
                return BASE + 2;
            }
        }
    }
}
