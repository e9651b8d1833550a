package dev.loomscope.agent.boot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Weak identity map: object -> {@link Entry} carrying a long id that is unique in the JVM (one
 * counter for all maps) and never reused, plus a few flag bits.
 *
 * <p>identityHashCode only picks the bucket; entries are compared by identity, so two objects with
 * the same identity hash get different ids. Keys are weakly held: the map never keeps a queue or a
 * future alive. Cleared entries are unlinked when their bucket takes an insert and dropped when a
 * stripe grows.
 *
 * <p>Reads are lock-free. A miss takes the lock of one of {@value #STRIPES} stripes (a plain
 * monitor, held for a few dozen instructions, never while calling out) and looks again before
 * inserting, so an object never gets two ids. While a stripe is being rehashed a lock-free read may
 * miss an entry it would have found: it then takes the lock and finds it there.
 */
public final class IdMap {
    private static final AtomicLong NEXT_ID = new AtomicLong();

    /** A new id from the counter every map shares (FutureIds draws from it too). */
    static long nextId() {
        return NEXT_ID.incrementAndGet();
    }
    private static final int STRIPES = 64;            // power of two
    private static final int INITIAL = 16;            // buckets per stripe, power of two

    /** A weakly referenced key with its id. */
    public static final class Entry extends WeakReference<Object> {
        private static final VarHandle FLAGS;

        static {
            try {
                FLAGS = MethodHandles.lookup().findVarHandle(Entry.class, "flags", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final int hash;
        public final long id;
        volatile Entry next;
        private volatile int flags;
        /** Owner-specific (ChannelHooks: the chunk epoch in which the channel was last announced). */
        volatile int epoch;

        Entry(Object key, int hash, long id, Entry next) {
            super(key);
            this.hash = hash;
            this.id = id;
            this.next = next;
        }

        public boolean has(int bit) {
            return (flags & bit) != 0;
        }

        /** Sets the bit; true if this call set it (exactly one caller wins). */
        public boolean claim(int bit) {
            return (flags & bit) == 0 && ((int) FLAGS.getAndBitwiseOr(this, bit) & bit) == 0;
        }
    }

    private static final class Stripe {
        volatile AtomicReferenceArray<Entry> table = new AtomicReferenceArray<>(INITIAL);
        int count;                                      // entries in table, under the stripe lock
        int purgedAt;                                   // gcEpoch of the last purge, under the stripe lock
    }

    /**
     * Detects garbage collections: the sentinel's referent is reachable only through it, so it is
     * cleared by the next GC. After a GC each stripe drops its cleared entries at its next insert,
     * so an entry is copied by at most one GC after its key died (without this, dead entries stay
     * in the tables until a rehash and are copied and promoted again and again).
     */
    private static volatile WeakReference<Object> gcSentinel = new WeakReference<>(new Object());
    private static volatile int gcEpoch;

    private static int gcEpoch() {
        WeakReference<Object> sentinel = gcSentinel;
        if (sentinel.refersTo(null)) {
            gcSentinel = new WeakReference<>(new Object());   // racy on purpose: at worst an extra purge
            gcEpoch++;
        }
        return gcEpoch;
    }

    private final Stripe[] stripes = new Stripe[STRIPES];

    public IdMap() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    private static int mix(int h) {
        return h * 0x9E3779B9;
    }

    /** The entry of {@code key}, or null if it has none (lock-free, may miss during a rehash). */
    public Entry find(Object key) {
        int h = mix(System.identityHashCode(key));
        return find(stripes[h >>> 26].table, key, h);
    }

    private static Entry find(AtomicReferenceArray<Entry> table, Object key, int h) {
        for (Entry e = table.getAcquire(h & (table.length() - 1)); e != null; e = e.next) {
            if (e.hash == h && e.refersTo(key)) {
                return e;
            }
        }
        return null;
    }

    /** The entry of {@code key}, created (with a new id) if it has none. */
    public Entry getOrAdd(Object key) {
        int h = mix(System.identityHashCode(key));
        Stripe s = stripes[h >>> 26];
        AtomicReferenceArray<Entry> table = s.table;
        Entry head = table.getAcquire(h & (table.length() - 1));
        for (Entry e = head; e != null; e = e.next) {
            if (e.hash == h && e.refersTo(key)) {
                return e;
            }
        }
        return add(s, key, h, table, head);
    }

    /**
     * Inserts under the stripe lock. If neither the table nor the bucket's head changed since the
     * lock-free miss, no entry was added in between (entries are only added at the head), so the
     * bucket need not be searched again.
     */
    private static Entry add(Stripe s, Object key, int h, AtomicReferenceArray<Entry> seenTable, Entry seenHead) {
        int epoch = gcEpoch();
        synchronized (s) {
            if (s.purgedAt != epoch) {
                s.purgedAt = epoch;
                rehash(s, s.table);                     // a GC ran since this stripe's last purge
            }
            AtomicReferenceArray<Entry> table = s.table;
            int i = h & (table.length() - 1);
            if (table != seenTable || table.get(i) != seenHead) {
                Entry e = find(table, key, h);
                if (e != null) {
                    return e;
                }
            }
            Entry head = sweep(s, table, i);
            Entry e = new Entry(key, h, nextId(), head);
            table.setRelease(i, e);
            if (++s.count > table.length()) {
                rehash(s, table);
            }
            return e;
        }
    }

    /** Unlinks cleared entries of bucket i; returns its new head. Under the stripe lock. */
    private static Entry sweep(Stripe s, AtomicReferenceArray<Entry> table, int i) {
        Entry head = table.get(i);
        while (head != null && head.refersTo(null)) {
            head = head.next;
            s.count--;
        }
        if (head != table.get(i)) {
            table.setRelease(i, head);
        }
        for (Entry p = head; p != null; ) {
            Entry n = p.next;
            if (n != null && n.refersTo(null)) {
                p.next = n.next;                        // readers at n still reach the rest via n.next
                s.count--;
            } else {
                p = n;
            }
        }
        return head;
    }

    /** Rebuilds the stripe's table with its live entries (size ~ live count). Under the stripe lock. */
    private static void rehash(Stripe s, AtomicReferenceArray<Entry> old) {
        int live = 0;
        for (int i = 0; i < old.length(); i++) {
            for (Entry e = old.get(i); e != null; e = e.next) {
                if (!e.refersTo(null)) {
                    live++;
                }
            }
        }
        int n = INITIAL;
        while (n < 2 * live) {
            n <<= 1;                                    // load factor <= 1/2 right after a rehash
        }
        AtomicReferenceArray<Entry> table = new AtomicReferenceArray<>(n);
        for (int i = 0; i < old.length(); i++) {
            Entry e = old.get(i);
            while (e != null) {
                Entry next = e.next;
                if (!e.refersTo(null)) {
                    int j = e.hash & (n - 1);
                    e.next = table.get(j);
                    table.set(j, e);
                }
                e = next;
            }
        }
        s.count = live;
        s.table = table;                                // volatile write publishes the new chains
    }

    /**
     * Forgets every entry (called when no recording runs any more, so that the entries of the last
     * recording's objects are not kept until the next one). Objects seen again get new ids.
     */
    public void clear() {
        for (Stripe s : stripes) {
            synchronized (s) {
                s.table = new AtomicReferenceArray<>(INITIAL);
                s.count = 0;
            }
        }
    }

    /** Entries currently held (live or not yet swept); for tests and diagnostics. */
    public int size() {
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.count;
            }
        }
        return n;
    }
}
