package dev.loomscope.core.threaddump;

import dev.loomscope.core.threaddump.ThreadDump.DumpedThread;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text dump of a jdk.ThreadDump event, as JDK 25 wrote it for two threads in a monitor deadlock. */
class ThreadDumpTextTest {
    private static final String DUMP = """
            2026-12-03 13:59:40
            Full thread dump OpenJDK 64-Bit Server VM (25.0.3+9-LTS mixed mode, sharing):

            "ledger-writer" #26 [3128] prio=5 os_prio=0 cpu=4.30ms elapsed=3.01s tid=0x00007f8294ec7590 nid=3128 waiting for monitor entry  [0x00007f82746e4000]
               java.lang.Thread.State: BLOCKED (on object monitor)
            \tat dev.loomscope.samples.corpus.MonitorDeadlock.postEntry(MonitorDeadlock.java:41)
            \t- waiting to lock <0x000000069ed72188> (a java.util.ArrayList)
            \t- locked <0x000000069ed72170> (a java.util.ArrayList)
            \tat java.lang.Thread.run(java.base@25.0.3/Thread.java:1474)

            "loader-1" #30 [3131] prio=5 os_prio=0 cpu=1.00ms elapsed=3.01s tid=0x00007f8294ec8bf0 nid=3131 waiting on condition  [0x00007f82745e4000]
               java.lang.Thread.State: WAITING (parking)
            \tat jdk.internal.misc.Unsafe.park(java.base@25.0.3/Native Method)
            \t- parking to wait for  <0x000000069ed90000> (a java.util.concurrent.CountDownLatch$Sync)
            \tat java.util.concurrent.CountDownLatch.await(java.base@25.0.3/CountDownLatch.java:230)

            Found one Java-level deadlock:
            =============================
            "ledger-writer":
              waiting to lock monitor 0x00007f8244004990 (object 0x000000069ed72188, a java.util.ArrayList),
            """;

    @Test
    void threadsWithStateStackWhatTheyWaitForAndHold() {
        List<DumpedThread> threads = ThreadDumpText.parse(DUMP, Instant.EPOCH).threads();
        assertEquals(2, threads.size(), "the JVM's own deadlock summary adds no thread");
        DumpedThread writer = threads.getFirst();
        assertEquals(26, writer.tid());
        assertEquals("ledger-writer", writer.name());
        assertEquals("BLOCKED", writer.state());
        assertEquals("java.util.ArrayList@0x000000069ed72188", writer.blocker());
        assertEquals(List.of("java.util.ArrayList@0x000000069ed72170"), writer.owns());
        assertEquals("postEntry", writer.frames().getFirst().methodName());
        assertEquals(41, writer.frames().getFirst().line());
        DumpedThread loader = threads.get(1);
        assertEquals("WAITING", loader.state());
        assertEquals("java.util.concurrent.CountDownLatch$Sync@0x000000069ed90000", loader.blocker());
        assertEquals("java.util.concurrent.CountDownLatch", loader.frames().get(1).className());
    }
}
