package dev.loomscope.samples.corpus;

import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock-ordering deadlock on {@code ReentrantLock}s that the code survives by timing out: two
 * transfers between the same two accounts lock the source account first, then the destination.
 *
 * <p>Ground truth: platform thread {@code transfer-1} moves money from {@code checking} to
 * {@code savings} while {@code transfer-2} moves money from {@code savings} to {@code checking}.
 * Each takes its source lock with {@code lock()}, writes an audit entry ({@value #AUDIT_MILLIS} ms,
 * so both hold their first lock; each also waits for the other to hold its own, so the cycle does
 * not depend on the pause), then waits in {@code tryLock(3, SECONDS)} in {@link #transfer}
 * for the lock the other holds: a cycle from about 0.1 s to 3.1 s. Both tryLocks time out; each
 * transfer audits its abandonment (another {@value #AUDIT_MILLIS} ms, still holding its source
 * lock, so neither gets the other's lock late), unlocks its source and ends; the program exits 0.
 */
public final class LockOrderDeadlock {
    static final long AUDIT_MILLIS = 100;
    static final long LOCK_TIMEOUT_SECONDS = 3;
    /** Each transfer waits here, holding its source lock, until the other holds its own. */
    private static final Phaser firstHeld = new Phaser(2);

    static final class Account {
        final String id;
        final ReentrantLock lock = new ReentrantLock();
        long balanceCents;

        Account(String id, long balanceCents) {
            this.id = id;
            this.balanceCents = balanceCents;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Account checking = new Account("checking", 120_00);
        Account savings = new Account("savings", 5_000_00);
        Thread t1 = Thread.ofPlatform().name("transfer-1").start(() -> transfer(checking, savings, 50_00));
        Thread t2 = Thread.ofPlatform().name("transfer-2").start(() -> transfer(savings, checking, 200_00));
        t1.join();
        t2.join();
        System.out.printf("checking %d, savings %d%n", checking.balanceCents, savings.balanceCents);
    }

    /** Locks the source, then the destination (the bug: the order depends on the direction). */
    static void transfer(Account from, Account to, long cents) {
        from.lock.lock();
        try {
            audit(from, "debit of " + cents + " pending");
            firstHeld.arriveAndAwaitAdvance(); // the cycle is certain, however late a thread starts
            if (!to.lock.tryLock(LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) { // the other transfer holds it
                audit(from, "transfer to " + to.id + " abandoned: lock timeout"); // journaled under the lock
                return;
            }
            try {
                from.balanceCents -= cents;
                to.balanceCents += cents;
            } finally {
                to.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            from.lock.unlock();
        }
    }

    private static void audit(Account account, String note) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(AUDIT_MILLIS); // stands in for a call to the audit service
        System.out.println(account.id + ": " + note);
    }
}
