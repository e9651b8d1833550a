package dev.loomscope.samples.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;

/**
 * A classic monitor deadlock between two platform threads that write the same two journals.
 *
 * <p>Ground truth: platform thread {@code ledger-writer} synchronizes on {@code ledger} then
 * {@code audit} ({@link #postEntry}); {@code audit-writer} synchronizes on {@code audit} then
 * {@code ledger} ({@link #recordAudit}). Each pauses {@value #FORMAT_MILLIS} ms while holding its
 * first monitor, so both hold one and block entering the other (BLOCKED on a monitor) from about
 * 0.1 s until the end (each also waits for the other to hold its first, so the cycle does not
 * depend on the pause). Nothing breaks the cycle: main waits until both are blocked, then
 * {@value #STUCK_MILLIS} ms ({@link Stuck}), prints that
 * the writers are stuck and calls {@code System.exit(0)} while they are still blocked.
 */
public final class MonitorDeadlock {
    static final long FORMAT_MILLIS = 100;
    static final long STUCK_MILLIS = 3_000;

    private final List<String> ledger = new ArrayList<>();
    private final List<String> audit = new ArrayList<>();
    /** Each writer waits here, holding its first monitor, until the other holds its own. */
    private final Phaser firstHeld = new Phaser(2);

    public static void main(String[] args) throws InterruptedException {
        MonitorDeadlock journals = new MonitorDeadlock();
        Thread ledgerWriter = Thread.ofPlatform().name("ledger-writer").start(() -> journals.postEntry("invoice 1042"));
        Thread auditWriter = Thread.ofPlatform().name("audit-writer").start(() -> journals.recordAudit("login alice"));
        Stuck.hold(() -> ledgerWriter.getState() == Thread.State.BLOCKED
                && auditWriter.getState() == Thread.State.BLOCKED, STUCK_MILLIS);
        System.out.println("writers stuck: " + ledgerWriter.getState() + ", " + auditWriter.getState());
        System.exit(0);
    }

    /** Ledger first, then the audit trail of the change. */
    void postEntry(String entry) {
        synchronized (ledger) {
            String line = format(entry);
            ledger.add(line);
            firstHeld.arriveAndAwaitAdvance(); // the cycle is certain, however late a thread starts
            synchronized (audit) { // audit-writer holds it and wants the ledger
                audit.add("posted " + line);
            }
        }
    }

    /** Audit first, then a marker in the ledger (the bug: the opposite order). */
    void recordAudit(String event) {
        synchronized (audit) {
            String line = format(event);
            audit.add(line);
            firstHeld.arriveAndAwaitAdvance(); // the cycle is certain, however late a thread starts
            synchronized (ledger) { // ledger-writer holds it and wants the audit trail
                ledger.add("audited " + line);
            }
        }
    }

    private static String format(String text) {
        try {
            TimeUnit.MILLISECONDS.sleep(FORMAT_MILLIS); // slow formatting: both now hold their first monitor
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return System.currentTimeMillis() + " " + text;
    }
}
