package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A log ingestion service: four reader threads parse documents far faster than the single indexer
 * can write them, so the bounded queue between them is always full and the readers spend most of
 * their life blocked in {@code put}.
 *
 * <p>Ground truth: 4 platform threads {@code ingest-N} build a document every few microseconds
 * and {@code put} it into an {@code ArrayBlockingQueue(8)}; one virtual thread {@code indexer}
 * {@code take}s each and sleeps {@value #INDEX_MILLIS} ms (a write to the index). The producers
 * stop after {@value #RUN_MILLIS} ms; main then sends an end marker and the indexer drains the
 * queue and ends. Producers: blocked in {@code put} almost all the time (each waits ~20 ms per
 * item); indexer: sleeping most of the time, never waiting for input.
 */
public final class BackpressurePlatformProducers {
    static final int PRODUCERS = 4;
    static final long INDEX_MILLIS = 5;
    static final long RUN_MILLIS = 3_000;
    private static final String END = "<end>";

    public static void main(String[] args) throws InterruptedException {
        BlockingQueue<String> documents = new ArrayBlockingQueue<>(8);
        long[] indexed = new long[1];
        Thread indexer = Thread.ofVirtual().name("indexer").start(() -> indexed[0] = index(documents));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        List<Thread> producers = new ArrayList<>();
        for (int i = 1; i <= PRODUCERS; i++) {
            int source = i;
            producers.add(Thread.ofPlatform().name("ingest-" + i).start(() -> ingest(source, documents, deadline)));
        }
        for (Thread p : producers) {
            p.join();
        }
        documents.put(END); // all producers are done: let the indexer finish what is queued
        indexer.join();
        System.out.println("indexed " + indexed[0] + " documents");
    }

    /** Reads log lines from one source and queues them as documents until the deadline. */
    private static void ingest(int source, BlockingQueue<String> documents, long deadline) {
        long line = 0;
        try {
            while (System.nanoTime() < deadline) {
                line++;
                String doc = "{\"source\":" + source + ",\"line\":" + line + ",\"level\":\""
                        + (line % 7 == 0 ? "WARN" : "INFO") + "\"}";
                documents.put(doc); // blocks while the indexer is behind
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes each document to the index; returns how many it wrote. */
    private static long index(BlockingQueue<String> documents) {
        long count = 0;
        try {
            for (String doc = documents.take(); !doc.equals(END); doc = documents.take()) {
                TimeUnit.MILLISECONDS.sleep(INDEX_MILLIS); // the index write
                count++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return count;
    }
}
