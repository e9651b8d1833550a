package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Up to {@value #RECORDS} future events of virtual threads, batched on their carrier
 * ({@link FutureRecords}): record {@code i} happened on the virtual thread of id {@code i<i>},
 * {@code s<i>} nanoseconds before this event's start time, and is of the kind in the low four bits
 * of {@code k<i>} about the future of id {@code f<i>}:
 * <ul>
 *   <li>1, created at a site: a FutureCreatedAtSite; {@code a<i>} its site, {@code b<i>} and
 *       {@code c<i>} the futures it completes from (0: none);</li>
 *   <li>2, observed: a FutureObserved; flag 16 in {@code k<i>}: the call waits for the outcome
 *       ({@code join}, {@code get});</li>
 *   <li>3, completed normally: a FutureCompleted without an exception;</li>
 *   <li>4, a continuation: a FutureContinuation {@code l<i>} nanoseconds long; flag 16: its thread
 *       completed the future normally as the function returned.</li>
 * </ul>
 * {@code count} records are filled. A virtual thread is only an id here: JFR writes every thread
 * an event names into the recording, and the first event a virtual thread commits costs ten times
 * any later one (docs/capture.md). What a record cannot carry (a stack, an exception) still comes
 * as the event of its own, committed on the thread.
 *
 * <p>JFR has no array fields, so the records are numbered fields. Stamped on the carrier and
 * committed by {@link RunsCommitter}, or by JFR's periodic thread for a carrier that went idle
 * with records held ({@code carrier} names it either way).
 */
@Name("loomscope.FutureBatch")
@Label("Future Batch")
@Description("Future events of virtual threads, up to 16 an event, each with its thread's id")
@Category({"Loomscope"})
@StackTrace(false)
public final class FutureBatchEvent extends jdk.jfr.Event {
    static final int RECORDS = 16;

    @Label("Carrier")
    public Thread carrier;

    @Label("Records")
    public int count;

    @Label("Record 0 Thread Id") public long i0;
    @Label("Record 0 Start") @Timespan public long s0;
    @Label("Record 0 Length") @Timespan public long l0;
    @Label("Record 0 Kind") public int k0;
    @Label("Record 0 Future Id") public long f0;
    @Label("Record 0 A") public long a0;
    @Label("Record 0 B") public long b0;
    @Label("Record 0 C") public long c0;
    @Label("Record 1 Thread Id") public long i1;
    @Label("Record 1 Start") @Timespan public long s1;
    @Label("Record 1 Length") @Timespan public long l1;
    @Label("Record 1 Kind") public int k1;
    @Label("Record 1 Future Id") public long f1;
    @Label("Record 1 A") public long a1;
    @Label("Record 1 B") public long b1;
    @Label("Record 1 C") public long c1;
    @Label("Record 2 Thread Id") public long i2;
    @Label("Record 2 Start") @Timespan public long s2;
    @Label("Record 2 Length") @Timespan public long l2;
    @Label("Record 2 Kind") public int k2;
    @Label("Record 2 Future Id") public long f2;
    @Label("Record 2 A") public long a2;
    @Label("Record 2 B") public long b2;
    @Label("Record 2 C") public long c2;
    @Label("Record 3 Thread Id") public long i3;
    @Label("Record 3 Start") @Timespan public long s3;
    @Label("Record 3 Length") @Timespan public long l3;
    @Label("Record 3 Kind") public int k3;
    @Label("Record 3 Future Id") public long f3;
    @Label("Record 3 A") public long a3;
    @Label("Record 3 B") public long b3;
    @Label("Record 3 C") public long c3;
    @Label("Record 4 Thread Id") public long i4;
    @Label("Record 4 Start") @Timespan public long s4;
    @Label("Record 4 Length") @Timespan public long l4;
    @Label("Record 4 Kind") public int k4;
    @Label("Record 4 Future Id") public long f4;
    @Label("Record 4 A") public long a4;
    @Label("Record 4 B") public long b4;
    @Label("Record 4 C") public long c4;
    @Label("Record 5 Thread Id") public long i5;
    @Label("Record 5 Start") @Timespan public long s5;
    @Label("Record 5 Length") @Timespan public long l5;
    @Label("Record 5 Kind") public int k5;
    @Label("Record 5 Future Id") public long f5;
    @Label("Record 5 A") public long a5;
    @Label("Record 5 B") public long b5;
    @Label("Record 5 C") public long c5;
    @Label("Record 6 Thread Id") public long i6;
    @Label("Record 6 Start") @Timespan public long s6;
    @Label("Record 6 Length") @Timespan public long l6;
    @Label("Record 6 Kind") public int k6;
    @Label("Record 6 Future Id") public long f6;
    @Label("Record 6 A") public long a6;
    @Label("Record 6 B") public long b6;
    @Label("Record 6 C") public long c6;
    @Label("Record 7 Thread Id") public long i7;
    @Label("Record 7 Start") @Timespan public long s7;
    @Label("Record 7 Length") @Timespan public long l7;
    @Label("Record 7 Kind") public int k7;
    @Label("Record 7 Future Id") public long f7;
    @Label("Record 7 A") public long a7;
    @Label("Record 7 B") public long b7;
    @Label("Record 7 C") public long c7;
    @Label("Record 8 Thread Id") public long i8;
    @Label("Record 8 Start") @Timespan public long s8;
    @Label("Record 8 Length") @Timespan public long l8;
    @Label("Record 8 Kind") public int k8;
    @Label("Record 8 Future Id") public long f8;
    @Label("Record 8 A") public long a8;
    @Label("Record 8 B") public long b8;
    @Label("Record 8 C") public long c8;
    @Label("Record 9 Thread Id") public long i9;
    @Label("Record 9 Start") @Timespan public long s9;
    @Label("Record 9 Length") @Timespan public long l9;
    @Label("Record 9 Kind") public int k9;
    @Label("Record 9 Future Id") public long f9;
    @Label("Record 9 A") public long a9;
    @Label("Record 9 B") public long b9;
    @Label("Record 9 C") public long c9;
    @Label("Record 10 Thread Id") public long i10;
    @Label("Record 10 Start") @Timespan public long s10;
    @Label("Record 10 Length") @Timespan public long l10;
    @Label("Record 10 Kind") public int k10;
    @Label("Record 10 Future Id") public long f10;
    @Label("Record 10 A") public long a10;
    @Label("Record 10 B") public long b10;
    @Label("Record 10 C") public long c10;
    @Label("Record 11 Thread Id") public long i11;
    @Label("Record 11 Start") @Timespan public long s11;
    @Label("Record 11 Length") @Timespan public long l11;
    @Label("Record 11 Kind") public int k11;
    @Label("Record 11 Future Id") public long f11;
    @Label("Record 11 A") public long a11;
    @Label("Record 11 B") public long b11;
    @Label("Record 11 C") public long c11;
    @Label("Record 12 Thread Id") public long i12;
    @Label("Record 12 Start") @Timespan public long s12;
    @Label("Record 12 Length") @Timespan public long l12;
    @Label("Record 12 Kind") public int k12;
    @Label("Record 12 Future Id") public long f12;
    @Label("Record 12 A") public long a12;
    @Label("Record 12 B") public long b12;
    @Label("Record 12 C") public long c12;
    @Label("Record 13 Thread Id") public long i13;
    @Label("Record 13 Start") @Timespan public long s13;
    @Label("Record 13 Length") @Timespan public long l13;
    @Label("Record 13 Kind") public int k13;
    @Label("Record 13 Future Id") public long f13;
    @Label("Record 13 A") public long a13;
    @Label("Record 13 B") public long b13;
    @Label("Record 13 C") public long c13;
    @Label("Record 14 Thread Id") public long i14;
    @Label("Record 14 Start") @Timespan public long s14;
    @Label("Record 14 Length") @Timespan public long l14;
    @Label("Record 14 Kind") public int k14;
    @Label("Record 14 Future Id") public long f14;
    @Label("Record 14 A") public long a14;
    @Label("Record 14 B") public long b14;
    @Label("Record 14 C") public long c14;
    @Label("Record 15 Thread Id") public long i15;
    @Label("Record 15 Start") @Timespan public long s15;
    @Label("Record 15 Length") @Timespan public long l15;
    @Label("Record 15 Kind") public int k15;
    @Label("Record 15 Future Id") public long f15;
    @Label("Record 15 A") public long a15;
    @Label("Record 15 B") public long b15;
    @Label("Record 15 C") public long c15;

    /** Fills record {@code i}: of {@code kind} by thread {@code thread}, {@code ago} ns before the event. */
    void record(int i, long thread, long ago, long length, int kind, long future, long a, long b, long c) {
        switch (i) {
            case 0 -> {
                i0 = thread;
                s0 = ago;
                l0 = length;
                k0 = kind;
                f0 = future;
                a0 = a;
                b0 = b;
                c0 = c;
            }
            case 1 -> {
                i1 = thread;
                s1 = ago;
                l1 = length;
                k1 = kind;
                f1 = future;
                a1 = a;
                b1 = b;
                c1 = c;
            }
            case 2 -> {
                i2 = thread;
                s2 = ago;
                l2 = length;
                k2 = kind;
                f2 = future;
                a2 = a;
                b2 = b;
                c2 = c;
            }
            case 3 -> {
                i3 = thread;
                s3 = ago;
                l3 = length;
                k3 = kind;
                f3 = future;
                a3 = a;
                b3 = b;
                c3 = c;
            }
            case 4 -> {
                i4 = thread;
                s4 = ago;
                l4 = length;
                k4 = kind;
                f4 = future;
                a4 = a;
                b4 = b;
                c4 = c;
            }
            case 5 -> {
                i5 = thread;
                s5 = ago;
                l5 = length;
                k5 = kind;
                f5 = future;
                a5 = a;
                b5 = b;
                c5 = c;
            }
            case 6 -> {
                i6 = thread;
                s6 = ago;
                l6 = length;
                k6 = kind;
                f6 = future;
                a6 = a;
                b6 = b;
                c6 = c;
            }
            case 7 -> {
                i7 = thread;
                s7 = ago;
                l7 = length;
                k7 = kind;
                f7 = future;
                a7 = a;
                b7 = b;
                c7 = c;
            }
            case 8 -> {
                i8 = thread;
                s8 = ago;
                l8 = length;
                k8 = kind;
                f8 = future;
                a8 = a;
                b8 = b;
                c8 = c;
            }
            case 9 -> {
                i9 = thread;
                s9 = ago;
                l9 = length;
                k9 = kind;
                f9 = future;
                a9 = a;
                b9 = b;
                c9 = c;
            }
            case 10 -> {
                i10 = thread;
                s10 = ago;
                l10 = length;
                k10 = kind;
                f10 = future;
                a10 = a;
                b10 = b;
                c10 = c;
            }
            case 11 -> {
                i11 = thread;
                s11 = ago;
                l11 = length;
                k11 = kind;
                f11 = future;
                a11 = a;
                b11 = b;
                c11 = c;
            }
            case 12 -> {
                i12 = thread;
                s12 = ago;
                l12 = length;
                k12 = kind;
                f12 = future;
                a12 = a;
                b12 = b;
                c12 = c;
            }
            case 13 -> {
                i13 = thread;
                s13 = ago;
                l13 = length;
                k13 = kind;
                f13 = future;
                a13 = a;
                b13 = b;
                c13 = c;
            }
            case 14 -> {
                i14 = thread;
                s14 = ago;
                l14 = length;
                k14 = kind;
                f14 = future;
                a14 = a;
                b14 = b;
                c14 = c;
            }
            case 15 -> {
                i15 = thread;
                s15 = ago;
                l15 = length;
                k15 = kind;
                f15 = future;
                a15 = a;
                b15 = b;
                c15 = c;
            }
            default -> throw new IndexOutOfBoundsException(i);
        }
    }
}
