package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Lazy-loaded lookup tables whose static initializers read a file: the first virtual thread to
 * touch the class blocks inside {@code <clinit>} and, on JDK 24+ as before, a virtual thread
 * cannot unmount while a class initializer is on its stack. The carrier is pinned for the whole
 * read, and the other virtual threads that need the class wait for the initialization to finish.
 *
 * <p>Ground truth: two rounds, one per table. In each, 16 virtual threads call a static method
 * of the table at once: first {@code pricing-1..16} call {@link RateTable#rateFor} (its
 * initializer sleeps {@value #LOAD_MILLIS} ms, a simulated file read), then
 * {@code pricing-17..32} call {@link DiscountRateTable#discountFor} (same). One thread per round
 * is pinned for ~{@value #LOAD_MILLIS} ms in {@code RateTable.load} under
 * {@code RateTable.<clinit>} (then {@code DiscountRateTable.load}/{@code <clinit>}: both names
 * contain {@code RateTable}); those others that got a carrier wait for that initializer, pinned
 * too, and the rest wait for a carrier. About 0.5 s in all.
 */
public final class PinnedClassInit {
    static final int WORKERS = 16;
    static final long LOAD_MILLIS = 200;

    public static void main(String[] args) throws InterruptedException {
        long cents = round(1, region -> Math.round(1_000 * RateTable.rateFor(region)));
        cents += round(WORKERS + 1, region -> Math.round(1_000 * (1 - DiscountRateTable.discountFor(region))));
        System.out.println("quoted " + cents + " cents");
    }

    /** Quotes {@value #WORKERS} regions at once, one virtual thread each, numbered from {@code firstId}. */
    private static long round(int firstId, ToLongFunction<String> quote) throws InterruptedException {
        String[] regions = {"EU", "US", "APAC", "LATAM"};
        long[] quotes = new long[WORKERS];
        List<Thread> pricing = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            int id = i;
            String region = regions[i % regions.length];
            pricing.add(Thread.ofVirtual().name("pricing-" + (firstId + i))
                    .start(() -> quotes[id] = quote.applyAsLong(region)));
        }
        long sum = 0;
        for (int i = 0; i < WORKERS; i++) {
            pricing.get(i).join();
            sum += quotes[i];
        }
        return sum;
    }

    static int regionIndex(String region) {
        return switch (region) {
            case "EU" -> 0;
            case "US" -> 1;
            case "APAC" -> 2;
            default -> 3;
        };
    }

    /** Base rates per region, loaded once on first use. */
    static final class RateTable {
        private static final double[] RATES = load();

        static double rateFor(String region) {
            return RATES[regionIndex(region)];
        }

        /** Reads rates.csv (here: sleeps as long as the read takes on a slow disk). */
        private static double[] load() {
            try {
                TimeUnit.MILLISECONDS.sleep(LOAD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new double[] {1.00, 1.08, 0.93, 1.21};
        }
    }

    /** Discount rates per region, loaded once on first use. */
    static final class DiscountRateTable {
        private static final double[] DISCOUNTS = load();

        static double discountFor(String region) {
            return DISCOUNTS[regionIndex(region)];
        }

        /** Reads discounts.csv (here: sleeps as long as the read takes on a slow disk). */
        private static double[] load() {
            try {
                TimeUnit.MILLISECONDS.sleep(LOAD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new double[] {0.10, 0.05, 0.12, 0.00};
        }
    }
}
