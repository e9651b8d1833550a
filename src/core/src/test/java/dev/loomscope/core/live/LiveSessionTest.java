package dev.loomscope.core.live;

import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attach to real child JVMs running the sample apps, stream, and lose nothing when they die. */
class LiveSessionTest {

    @Test
    void streamsAPipelineAndKeepsEverythingWhenTheTargetIsKilled(@TempDir Path dir) throws Exception {
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.pipeline.Pipeline", "--forever")) {
            Recorder listener = new Recorder();
            LiveSession session = LiveSession.start(TargetJvm.attach(child.pid()), LiveOptions.DEFAULT, listener);
            try {
                assertEquals("Loomscope's settings", session.settingsUsed());
                awaitTimeline(session, t -> lane(t, "pipeline-source-0") != null
                        && share(lane(t, "pipeline-source-0"), ThreadState.BLOCKED_SEND) > 0.3);
                long before = read(session, Timeline::durationNanos);
                awaitTimeline(session, t -> t.durationNanos() > before + 1_000_000_000L);
                assertTrue(listener.updates.await(20, TimeUnit.SECONDS), "the listener hears of updates, batch by batch");

                child.process().destroyForcibly(); // SIGKILL: no shutdown hooks, no final flush
                assertTrue(listener.ended.await(20, TimeUnit.SECONDS), "the session notices the target died");
                assertEquals(LiveSession.State.DISCONNECTED, session.state());
                assertTrue(session.reason().contains("exited"), session.reason());
                Timeline timeline = session.timeline();
                for (int i = 0; i < 4; i++) {
                    assertTrue(lane(timeline, "pipeline-source-" + i) != null, "source " + i + " kept");
                }
                assertTrue(String.join(" ", timeline.info().warningTexts()).contains("Disconnected"));

                Path saved = dir.resolve("saved.jfr");
                session.save(saved);
                Timeline reopened = RecordingLoader.load(saved, LoadMonitor.NONE);
                assertTrue(lane(reopened, "pipeline-sink") != null, "the saved recording holds the session");
            } finally {
                session.close();
            }
        }
    }

    @Test
    void aSessionThatFallsBehindJumpsAheadSaysSoAndSaveKeepsEverything(@TempDir Path dir) throws Exception {
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.pipeline.Pipeline", "--forever")) {
            // Any lag is too much here: the session jumps ahead at each flush that brought events.
            LiveOptions impatient = LiveOptions.DEFAULT.withMaxLag(Duration.ofNanos(1));
            AtomicReference<Timeline> seen = new AtomicReference<>();
            CountDownLatch jumpedAndShowing = new CountDownLatch(1);
            LiveSession session = LiveSession.start(TargetJvm.attach(child.pid()), impatient, new Recorder() {
                @Override
                public void updated(LiveSession s) { // before the jump it may cause: the timeline with data
                    Timeline t = s.timeline();
                    if (s.jumps() >= 2 && lane(t, "pipeline-sink") != null && t.windowStart() > 0
                            && String.join(" ", t.info().warningTexts()).contains("Jumped ahead to the present")) {
                        seen.compareAndSet(null, t);
                        jumpedAndShowing.countDown();
                    }
                }
            });
            try {
                assertTrue(jumpedAndShowing.await(30, TimeUnit.SECONDS), "a timeline after two jumps shows the sink");
                Timeline current = seen.get();
                assertTrue(current.durationNanos() >= current.windowStart(), "the timeline ends after it starts");
                assertTrue(session.eventsRead() > current.info().eventCount(), "the events of earlier timelines count");
                assertEquals(LiveSession.State.STREAMING, session.state(), "jumping ahead does not end the session");

                session.stop();
                Path saved = dir.resolve("saved.jfr");
                session.save(saved);
                Timeline reopened = RecordingLoader.load(saved, LoadMonitor.NONE);
                assertTrue(reopened.durationNanos() >= current.windowStart(), "what the view skipped is saved");
                assertTrue(lane(reopened, "pipeline-sink") != null);
            } finally {
                session.close();
            }
        }
    }

    @Test
    void aTimelineHoldingMoreThreadsThanAllowedStartsAnewAndSaysWhy() throws Exception {
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.pipeline.Pipeline", "--forever")) {
            CountDownLatch jumped = new CountDownLatch(1);
            AtomicReference<String> warnings = new AtomicReference<>("");
            LiveOptions few = LiveOptions.DEFAULT.withMaxThreads(5); // the pipeline has a dozen and more
            LiveSession session = LiveSession.start(TargetJvm.attach(child.pid()), few, new Recorder() {
                @Override
                public void updated(LiveSession s) {
                    String text = String.join(" ", s.timeline().info().warningTexts());
                    if (s.jumps() > 0 && text.contains("held more than 5 threads")) {
                        warnings.set(text);
                        jumped.countDown();
                    }
                }
            });
            try {
                assertTrue(jumped.await(30, TimeUnit.SECONDS), "the session starts anew and says why");
                assertTrue(warnings.get().contains("Save keeps all of it"), warnings.get());
                assertEquals(LiveSession.State.STREAMING, session.state());
            } finally {
                session.close();
            }
        }
    }

    @Test
    void aSessionThatRunsOutOfMemoryEndsSayingHowToGiveItMore() throws Exception {
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.pipeline.Pipeline", "--forever")) {
            Recorder listener = new Recorder() {
                @Override
                public void updated(LiveSession s) { // on the stream's thread, as any allocation there would
                    throw new OutOfMemoryError("Java heap space (simulated)");
                }
            };
            LiveSession session = LiveSession.start(TargetJvm.attach(child.pid()), LiveOptions.DEFAULT, listener);
            try {
                assertTrue(listener.ended.await(30, TimeUnit.SECONDS), "the session ends instead of standing still");
                assertEquals(LiveSession.State.DISCONNECTED, session.state());
                assertTrue(listener.reason.get().contains("ran out of memory")
                        && listener.reason.get().contains("LOOMSCOPE_HEAP"), listener.reason.get());
            } finally {
                session.close();
            }
        }
    }

    @Test
    void theClosingThreadDumpShowsWhereLeakedThreadsAreBlocked() throws Exception {
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.leaky.Leaky", "--linger-millis", "60000")) {
            Recorder listener = new Recorder();
            LiveSession session = LiveSession.start(TargetJvm.attach(child.pid()), LiveOptions.DEFAULT, listener);
            try {
                // The orphans were blocked before Loomscope attached: only the thread dumps know them.
                awaitTimeline(session, t -> t.durationNanos() > 2_000_000_000L);
                session.stop();
                assertEquals(LiveSession.State.STOPPED, session.state());
                Timeline timeline = session.timeline();
                List<Lane> orphans = timeline.lanes().stream().filter(l -> l.name().startsWith("leaky-orphan-")).toList();
                assertEquals(40, orphans.size());
                for (Lane orphan : orphans) {
                    assertFalse(orphan.ended());
                    StackFrame site = timeline.stacks().site(orphan.lastStack());
                    assertEquals("dev.loomscope.samples.leaky.Leaky", site.className(), orphan.name());
                    assertEquals("awaitOrder", site.methodName());
                    int last = orphan.spanCount() - 1;
                    assertEquals(ThreadState.BLOCKED_RECV, orphan.spanState(last), "blocked taking from the queue");
                    assertTrue(orphan.spanInferred(last), "known from the dump, so inferred");
                }
            } finally {
                session.close();
            }
        }
    }

    @Test
    void anOlderJdkTargetGivesWhatItHasAndTheTimelineSaysWhatIsMissing() throws Exception {
        Path oldJdk = olderJdk();
        org.junit.jupiter.api.Assumptions.assumeTrue(oldJdk != null, "no JDK 17-24 on this machine");
        Path source = Path.of(LiveSessionTest.class.getResource("OldJdkTarget.java").toURI());
        Process process = new ProcessBuilder(oldJdk.resolve("bin/java").toString(), source.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            LocalJvms.awaitAttachable(process.pid(), Duration.ofSeconds(30));
            LiveSession session = LiveSession.start(TargetJvm.attach(process.pid()), LiveOptions.DEFAULT, new Recorder());
            try {
                awaitTimeline(session, t -> lane(t, "old-producer") != null
                        && share(lane(t, "old-producer"), ThreadState.BLOCKED_SEND) > 0.3
                        && lane(t, "old-consumer") != null
                        && share(lane(t, "old-consumer"), ThreadState.SLEEPING) > 0.3);
                String warnings = read(session, t -> String.join(" ", t.info().warningTexts()));
                assertTrue(warnings.contains("has no virtual threads"), warnings);
            } finally {
                session.close();
            }
        } finally {
            process.destroyForcibly();
        }
    }

    /** A JDK older than 21 but able to stream (14+), from the usual place, or null. */
    private static Path olderJdk() throws java.io.IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!java.nio.file.Files.isDirectory(jvms)) {
            return null;
        }
        try (var dirs = java.nio.file.Files.list(jvms)) {
            for (Path dir : dirs.toList()) {
                Path release = dir.resolve("release");
                if (java.nio.file.Files.isRegularFile(release) && java.nio.file.Files.isExecutable(dir.resolve("bin/java"))) {
                    var m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(java.nio.file.Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) >= 14 && Integer.parseInt(m.group(1)) < 21) {
                        return dir;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void attachingToAProcessThatIsNotThereSaysSo() {
        AttachException e = org.junit.jupiter.api.Assertions.assertThrows(AttachException.class,
                () -> TargetJvm.attach(Integer.MAX_VALUE - 7));
        assertTrue(e.getMessage().contains("no process"), e.getMessage());
    }

    @Test
    void theListShowsAChildJvmWithItsVersion() throws Exception {
        try (ChildJvm child = ChildJvm.start("dev.loomscope.samples.pipeline.Pipeline", "--forever")) {
            JvmInfo info = LocalJvms.list().stream().filter(j -> j.pid() == child.pid()).findFirst().orElseThrow();
            assertTrue(info.displayName().contains("dev.loomscope.samples.pipeline.Pipeline"), info.displayName());
            assertEquals(Runtime.version().feature(), info.feature());
            assertTrue(info.hasMethodTracing() && info.hasVirtualThreadEvents());
        }
    }

    private static class Recorder implements LiveSession.Listener {
        final CountDownLatch updates = new CountDownLatch(3);
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicReference<String> reason = new AtomicReference<>();

        @Override
        public void updated(LiveSession session) {
            updates.countDown();
        }

        @Override
        public void stateChanged(LiveSession session, LiveSession.State state, String why) {
            reason.set(why);
            ended.countDown();
        }
    }

    private static void awaitTimeline(LiveSession session, Predicate<Timeline> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (read(session, condition::test)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the live timeline never got there; lanes: " + read(session,
                t -> t.lanes().stream().map(Lane::name).toList()));
    }

    private static <T> T read(LiveSession session, java.util.function.Function<Timeline, T> query) {
        Timeline timeline = session.timeline();
        timeline.readLock().lock();
        try {
            return query.apply(timeline);
        } finally {
            timeline.readLock().unlock();
        }
    }

    private static Lane lane(Timeline timeline, String name) {
        return timeline.lanes().stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }

    private static double share(Lane lane, ThreadState state) {
        long[] totals = new long[ThreadState.count()];
        lane.addStateTotals(lane.lifeStart(), lane.lifeEnd(), totals);
        long life = lane.lifeEnd() - lane.lifeStart();
        return life == 0 ? 0 : (double) totals[state.code()] / life;
    }
}
