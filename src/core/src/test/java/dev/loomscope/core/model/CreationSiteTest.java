package dev.loomscope.core.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreationSiteTest {
    private final StackTable stacks = new StackTable();

    /**
     * The SynchronousQueue a live session's own thread dump makes the target create (measured, JDK
     * 25.0.3): ThreadDumper asks for the pid, which initializes ProcessHandleImpl, whose process
     * reaper is a cached thread pool. No program frame at all.
     */
    @Test
    void theProcessReapersQueueIsTheJdksAndNoAgentFrameIsEverASite() {
        int stack = stack("dev.loomscope.agent.boot.ChannelHooks.created:117",
                "java.util.concurrent.SynchronousQueue.<init>:254",
                "java.util.concurrent.SynchronousQueue.<init>:242",
                "java.util.concurrent.Executors.newCachedThreadPool:228",
                "java.lang.ProcessHandleImpl.initReaper:107",
                "java.lang.ProcessHandleImpl.<clinit>:87",
                "java.lang.ProcessHandle.current:129",
                "jdk.internal.vm.ThreadDumper.processId:628",
                "jdk.internal.vm.ThreadDumper.dumpThreadsToJson:261");

        StackFrame site = stacks.site(stack);
        assertFalse(site.className().startsWith("dev.loomscope.agent."), "the agent's hook is no site: " + site);
        CreationSite created = CreationSite.of(stacks, stack);
        assertTrue(created.jdkInternal());
        assertEquals("JDK-internal (Executors.newCachedThreadPool, in ProcessHandleImpl.initReaper)", created.text());
    }

    @Test
    void aQueueTheProgramCreatesIsItsOwnPastTheHookAndTheDelegatingConstructors() {
        int stack = stack("dev.loomscope.agent.boot.ChannelHooks.created:117",
                "java.util.concurrent.ArrayBlockingQueue.<init>:280",
                "java.util.concurrent.ArrayBlockingQueue.<init>:266",
                "dev.loomscope.samples.pipeline.Pipeline.<init>:34",
                "dev.loomscope.samples.pipeline.Pipeline.main:56");

        CreationSite created = CreationSite.of(stacks, stack);
        assertFalse(created.jdkInternal());
        assertEquals("dev.loomscope.samples.pipeline.Pipeline.<init>(34)", created.text());
    }

    @Test
    void anExecutorsWorkQueueIsTheJdksEvenWhenTheProgramAskedForTheExecutor() {
        int stack = stack("dev.loomscope.agent.boot.ChannelHooks.created:117",
                "java.util.concurrent.LinkedBlockingQueue.<init>:268",
                "java.util.concurrent.LinkedBlockingQueue.<init>:252",
                "java.util.concurrent.Executors.newFixedThreadPool:93",
                "com.example.Service.<init>:20");

        CreationSite created = CreationSite.of(stacks, stack);
        assertTrue(created.jdkInternal());
        assertEquals("JDK-internal (Executors.newFixedThreadPool, for com.example.Service.<init>(20))", created.text());
    }

    @Test
    void aQueueAJdkMethodMakesForTheProgramIsTheProgramsViaThatMethod() {
        int stack = stack("dev.loomscope.agent.boot.ChannelHooks.created:117",
                "java.util.concurrent.LinkedTransferQueue.<init>:1200",
                "java.util.concurrent.SubmissionPublisher.<init>:300",
                "com.example.Feed.<init>:9");

        CreationSite created = CreationSite.of(stacks, stack);
        assertFalse(created.jdkInternal());
        assertEquals("com.example.Feed.<init>(9) (via SubmissionPublisher.<init>)", created.text());
    }

    /** Frames top first, each {@code class.method:line}. */
    private int stack(String... frames) {
        int[] ids = new int[frames.length];
        for (int i = 0; i < frames.length; i++) {
            int colon = frames[i].lastIndexOf(':');
            String qualified = frames[i].substring(0, colon);
            int dot = qualified.lastIndexOf('.', qualified.endsWith(".<init>") || qualified.endsWith(".<clinit>")
                    ? qualified.lastIndexOf('<') : qualified.length());
            ids[i] = stacks.internFrame(qualified.substring(0, dot), qualified.substring(dot + 1),
                    Integer.parseInt(frames[i].substring(colon + 1)));
        }
        return stacks.internStack(ids, ids.length, false);
    }
}
