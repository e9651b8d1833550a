package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Up to {@value #RUNS} runs of virtual threads on one carrier, batched ({@link CarrierRuns}): run
 * {@code i} ran the virtual thread of id {@code i<i>} from {@code s<i>} nanoseconds before this
 * event's start time for {@code l<i>} nanoseconds, and ended for the reason in bits
 * {@code 4i..4i+3} of {@code reasons}, having waited {@code q<i>} nanoseconds for a carrier since
 * the thread of id {@code w<i>} (its waker: an unparker, a timer, the thread that started it)
 * handed it to its scheduler (0: not known); a run that ended in a park inside a blocking call of
 * the program's code names that call's site in {@code p<i>} (a {@link CallSiteEvent}; 0: none);
 * {@code count} runs are filled.
 *
 * <p>A thread with a name is also referenced ({@code t<i>}), so that the recording names it. An
 * unnamed one, most virtual threads, is only an id: JFR writes every thread an event references
 * into the recording, once per chunk, and for a million short-lived threads that cost a fifth of a
 * fan-out's throughput (docs/capture.md). No event is committed on a virtual thread, which is what
 * costs most on short-lived ones.
 *
 * <p>JFR has no array fields, so the runs are numbered fields: one event costs what an unbatched
 * mount costs, and carries sixteen. Stamped on a busy carrier and committed by {@link RunsCommitter},
 * or by JFR's periodic thread for a carrier that went idle with runs held ({@code carrier} names
 * it either way). A run that
 * was still going when its carrier was drained is reported up to then, and again whole later.
 */
@Name("loomscope.CarrierRuns")
@Label("Carrier Runs")
@Description("Which virtual threads a carrier ran, and when: up to 16 runs an event")
@Category({"Loomscope"})
@StackTrace(false)
@Period("100 ms")
public final class CarrierRunsEvent extends jdk.jfr.Event {
    static final int RUNS = 16;

    @Label("Carrier")
    public Thread carrier;

    @Label("Runs")
    public int count;

    @Label("Why Each Ended")
    @Description("Four bits a run, run i in bits 4i..4i+3: 0 other, 1 park, 2 yield, 3 monitor, 4 wait, 5 the thread ended, 6 still running")
    public long reasons;

    @Label("Runs Lost")
    @Description("Runs this carrier could not record since its previous event (its batch was being drained)")
    public long lost;

    @Label("Run 0 Thread") public Thread t0;
    @Label("Run 0 Thread Id") public long i0;
    @Label("Run 0 Start") @Timespan public long s0;
    @Label("Run 0 Length") @Timespan public long l0;
    @Label("Run 0 Queued") @Timespan public long q0;
    @Label("Run 0 Waker") public long w0;
    @Label("Run 0 Park Site") public long p0;
    @Label("Run 1 Thread") public Thread t1;
    @Label("Run 1 Thread Id") public long i1;
    @Label("Run 1 Start") @Timespan public long s1;
    @Label("Run 1 Length") @Timespan public long l1;
    @Label("Run 1 Queued") @Timespan public long q1;
    @Label("Run 1 Waker") public long w1;
    @Label("Run 1 Park Site") public long p1;
    @Label("Run 2 Thread") public Thread t2;
    @Label("Run 2 Thread Id") public long i2;
    @Label("Run 2 Start") @Timespan public long s2;
    @Label("Run 2 Length") @Timespan public long l2;
    @Label("Run 2 Queued") @Timespan public long q2;
    @Label("Run 2 Waker") public long w2;
    @Label("Run 2 Park Site") public long p2;
    @Label("Run 3 Thread") public Thread t3;
    @Label("Run 3 Thread Id") public long i3;
    @Label("Run 3 Start") @Timespan public long s3;
    @Label("Run 3 Length") @Timespan public long l3;
    @Label("Run 3 Queued") @Timespan public long q3;
    @Label("Run 3 Waker") public long w3;
    @Label("Run 3 Park Site") public long p3;
    @Label("Run 4 Thread") public Thread t4;
    @Label("Run 4 Thread Id") public long i4;
    @Label("Run 4 Start") @Timespan public long s4;
    @Label("Run 4 Length") @Timespan public long l4;
    @Label("Run 4 Queued") @Timespan public long q4;
    @Label("Run 4 Waker") public long w4;
    @Label("Run 4 Park Site") public long p4;
    @Label("Run 5 Thread") public Thread t5;
    @Label("Run 5 Thread Id") public long i5;
    @Label("Run 5 Start") @Timespan public long s5;
    @Label("Run 5 Length") @Timespan public long l5;
    @Label("Run 5 Queued") @Timespan public long q5;
    @Label("Run 5 Waker") public long w5;
    @Label("Run 5 Park Site") public long p5;
    @Label("Run 6 Thread") public Thread t6;
    @Label("Run 6 Thread Id") public long i6;
    @Label("Run 6 Start") @Timespan public long s6;
    @Label("Run 6 Length") @Timespan public long l6;
    @Label("Run 6 Queued") @Timespan public long q6;
    @Label("Run 6 Waker") public long w6;
    @Label("Run 6 Park Site") public long p6;
    @Label("Run 7 Thread") public Thread t7;
    @Label("Run 7 Thread Id") public long i7;
    @Label("Run 7 Start") @Timespan public long s7;
    @Label("Run 7 Length") @Timespan public long l7;
    @Label("Run 7 Queued") @Timespan public long q7;
    @Label("Run 7 Waker") public long w7;
    @Label("Run 7 Park Site") public long p7;
    @Label("Run 8 Thread") public Thread t8;
    @Label("Run 8 Thread Id") public long i8;
    @Label("Run 8 Start") @Timespan public long s8;
    @Label("Run 8 Length") @Timespan public long l8;
    @Label("Run 8 Queued") @Timespan public long q8;
    @Label("Run 8 Waker") public long w8;
    @Label("Run 8 Park Site") public long p8;
    @Label("Run 9 Thread") public Thread t9;
    @Label("Run 9 Thread Id") public long i9;
    @Label("Run 9 Start") @Timespan public long s9;
    @Label("Run 9 Length") @Timespan public long l9;
    @Label("Run 9 Queued") @Timespan public long q9;
    @Label("Run 9 Waker") public long w9;
    @Label("Run 9 Park Site") public long p9;
    @Label("Run 10 Thread") public Thread t10;
    @Label("Run 10 Thread Id") public long i10;
    @Label("Run 10 Start") @Timespan public long s10;
    @Label("Run 10 Length") @Timespan public long l10;
    @Label("Run 10 Queued") @Timespan public long q10;
    @Label("Run 10 Waker") public long w10;
    @Label("Run 10 Park Site") public long p10;
    @Label("Run 11 Thread") public Thread t11;
    @Label("Run 11 Thread Id") public long i11;
    @Label("Run 11 Start") @Timespan public long s11;
    @Label("Run 11 Length") @Timespan public long l11;
    @Label("Run 11 Queued") @Timespan public long q11;
    @Label("Run 11 Waker") public long w11;
    @Label("Run 11 Park Site") public long p11;
    @Label("Run 12 Thread") public Thread t12;
    @Label("Run 12 Thread Id") public long i12;
    @Label("Run 12 Start") @Timespan public long s12;
    @Label("Run 12 Length") @Timespan public long l12;
    @Label("Run 12 Queued") @Timespan public long q12;
    @Label("Run 12 Waker") public long w12;
    @Label("Run 12 Park Site") public long p12;
    @Label("Run 13 Thread") public Thread t13;
    @Label("Run 13 Thread Id") public long i13;
    @Label("Run 13 Start") @Timespan public long s13;
    @Label("Run 13 Length") @Timespan public long l13;
    @Label("Run 13 Queued") @Timespan public long q13;
    @Label("Run 13 Waker") public long w13;
    @Label("Run 13 Park Site") public long p13;
    @Label("Run 14 Thread") public Thread t14;
    @Label("Run 14 Thread Id") public long i14;
    @Label("Run 14 Start") @Timespan public long s14;
    @Label("Run 14 Length") @Timespan public long l14;
    @Label("Run 14 Queued") @Timespan public long q14;
    @Label("Run 14 Waker") public long w14;
    @Label("Run 14 Park Site") public long p14;
    @Label("Run 15 Thread") public Thread t15;
    @Label("Run 15 Thread Id") public long i15;
    @Label("Run 15 Start") @Timespan public long s15;
    @Label("Run 15 Length") @Timespan public long l15;
    @Label("Run 15 Queued") @Timespan public long q15;
    @Label("Run 15 Waker") public long w15;
    @Label("Run 15 Park Site") public long p15;

    /**
     * Fills run {@code i}: the carrier ran thread {@code id} ({@code named}: the thread, when it has
     * a name, else null) from {@code ago} ns before the event for {@code length} ns, after it waited
     * {@code queued} ns for a carrier since thread {@code waker} handed it to its scheduler (0: not known),
     * and ended in a park inside the blocking call site {@code site} (0: none).
     */
    void run(int i, Thread named, long id, long ago, long length, long queued, long waker, long site) {
        switch (i) {
            case 0 -> {
                t0 = named;
                i0 = id;
                s0 = ago;
                l0 = length;
                q0 = queued;
                w0 = waker;
                p0 = site;
            }
            case 1 -> {
                t1 = named;
                i1 = id;
                s1 = ago;
                l1 = length;
                q1 = queued;
                w1 = waker;
                p1 = site;
            }
            case 2 -> {
                t2 = named;
                i2 = id;
                s2 = ago;
                l2 = length;
                q2 = queued;
                w2 = waker;
                p2 = site;
            }
            case 3 -> {
                t3 = named;
                i3 = id;
                s3 = ago;
                l3 = length;
                q3 = queued;
                w3 = waker;
                p3 = site;
            }
            case 4 -> {
                t4 = named;
                i4 = id;
                s4 = ago;
                l4 = length;
                q4 = queued;
                w4 = waker;
                p4 = site;
            }
            case 5 -> {
                t5 = named;
                i5 = id;
                s5 = ago;
                l5 = length;
                q5 = queued;
                w5 = waker;
                p5 = site;
            }
            case 6 -> {
                t6 = named;
                i6 = id;
                s6 = ago;
                l6 = length;
                q6 = queued;
                w6 = waker;
                p6 = site;
            }
            case 7 -> {
                t7 = named;
                i7 = id;
                s7 = ago;
                l7 = length;
                q7 = queued;
                w7 = waker;
                p7 = site;
            }
            case 8 -> {
                t8 = named;
                i8 = id;
                s8 = ago;
                l8 = length;
                q8 = queued;
                w8 = waker;
                p8 = site;
            }
            case 9 -> {
                t9 = named;
                i9 = id;
                s9 = ago;
                l9 = length;
                q9 = queued;
                w9 = waker;
                p9 = site;
            }
            case 10 -> {
                t10 = named;
                i10 = id;
                s10 = ago;
                l10 = length;
                q10 = queued;
                w10 = waker;
                p10 = site;
            }
            case 11 -> {
                t11 = named;
                i11 = id;
                s11 = ago;
                l11 = length;
                q11 = queued;
                w11 = waker;
                p11 = site;
            }
            case 12 -> {
                t12 = named;
                i12 = id;
                s12 = ago;
                l12 = length;
                q12 = queued;
                w12 = waker;
                p12 = site;
            }
            case 13 -> {
                t13 = named;
                i13 = id;
                s13 = ago;
                l13 = length;
                q13 = queued;
                w13 = waker;
                p13 = site;
            }
            case 14 -> {
                t14 = named;
                i14 = id;
                s14 = ago;
                l14 = length;
                q14 = queued;
                w14 = waker;
                p14 = site;
            }
            case 15 -> {
                t15 = named;
                i15 = id;
                s15 = ago;
                l15 = length;
                q15 = queued;
                w15 = waker;
                p15 = site;
            }
            default -> throw new IndexOutOfBoundsException(i);
        }
    }
}
