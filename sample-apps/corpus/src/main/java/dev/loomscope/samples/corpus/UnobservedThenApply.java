package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A customer import that fires one {@link CompletableFuture} chain per batch and never looks at
 * how the chains ended.
 *
 * <p>Ground truth: {@value #BATCHES} batches, one every 100 ms (about 3 s). Each batch runs
 * {@code supplyAsync(fetchBatch)} on a fixed pool of 4 platform threads {@code importer-N}, then
 * {@code thenApply(parseRecords)} -> {@code thenApply(normalize)} -> {@code thenAccept(store)};
 * fetching takes 20 ms and waits until main has chained the stages, so the later stages run on the
 * same {@code importer-N} thread, however long main takes to chain them. Batch
 * {@value #BAD_BATCH} holds a record without an e-mail field: {@link #parseRecords} throws
 * {@link IllegalStateException}, the two later stages receive the failure, and nobody ever calls
 * {@code join}, {@code get}, {@code handle}, {@code exceptionally} or {@code whenComplete} on any
 * stage. At the end main only logs whether the failing chain failed
 * ({@code isCompletedExceptionally()}: a status query, which says that it failed, not why; the
 * exception itself is never read). One failure lost, on an {@code importer-N} thread.
 */
public final class UnobservedThenApply {
    static final int BATCHES = 30;
    static final int BAD_BATCH = BATCHES; // the last: the chain main asks about at the end

    record Customer(int id, String name, String email) { }

    public static void main(String[] args) throws InterruptedException {
        AtomicInteger stored = new AtomicInteger();
        ExecutorService importers = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("importer-", 1).factory());
        CompletableFuture<Void> tail = null;
        for (int batch = 1; batch <= BATCHES; batch++) {
            int id = batch;
            // Fire and forget: the import "cannot fail", so nobody keeps more than the last chain.
            CountDownLatch chained = new CountDownLatch(1);
            tail = CompletableFuture.supplyAsync(() -> fetchBatch(id, chained), importers)
                    .thenApply(UnobservedThenApply::parseRecords)
                    .thenApply(UnobservedThenApply::normalize)
                    .thenAccept(customers -> stored.addAndGet(customers.size()));
            chained.countDown();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        importers.shutdown();
        importers.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("import finished, last batch failed: " + tail.isCompletedExceptionally() + ", stored " + stored.get());
    }

    /** Reads one batch of CSV lines (20 ms, as a remote file read would), done once its stages are chained. */
    private static List<String> fetchBatch(int batch, CountDownLatch chained) {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
            chained.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int id = batch * 100 + i;
            boolean broken = batch == BAD_BATCH && i == 4; // an upstream export dropped a column
            lines.add(broken ? id + ",Customer " + id : id + ",Customer " + id + ",c" + id + "@example.com");
        }
        return lines;
    }

    private static List<Customer> parseRecords(List<String> lines) {
        List<Customer> customers = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(",");
            if (fields.length != 3) {
                throw new IllegalStateException("malformed customer record: " + line);
            }
            customers.add(new Customer(Integer.parseInt(fields[0]), fields[1], fields[2]));
        }
        return customers;
    }

    private static List<Customer> normalize(List<Customer> customers) {
        return customers.stream()
                .map(c -> new Customer(c.id(), c.name().trim(), c.email().toLowerCase()))
                .toList();
    }
}
