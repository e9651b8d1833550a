package dev.loomscope.junit;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Each example run as a user's build would run it, through the JUnit Platform. */
class CheckConcurrencyTest {

    @Test
    void leakedVirtualThreadsFailTheTestByName() {
        String message = failure(Examples.LeaksVirtualThreads.class);
        assertTrue(message.contains("leak"), message);
        for (int i = 0; i < 3; i++) {
            assertTrue(message.contains("forgotten-consumer-" + i + " (virtual)"), message);
        }
        assertTrue(message.contains("Examples$LeaksVirtualThreads"), "the site in the test's own code: " + message);
    }

    @Test
    void aDeadlockFailsTheTestNamingBothThreads() {
        String message = failure(Examples.Deadlocks.class);
        assertTrue(message.contains("deadlock"), message);
        assertTrue(message.contains("deadlock-left") && message.contains("deadlock-right"), message);
    }

    @Test
    void aWaitOnAFutureNobodyCompletesFailsTheTest() {
        String message = failure(Examples.WaitsOnAFutureNobodyCompletes.class);
        assertTrue(message.contains("future-waiter"), message);
    }

    @Test
    void aFailureNobodyObservedFailsTheTestWithTheAgentLoaded() {
        String message = failure(Examples.LosesAFailure.class);
        assertTrue(message.contains("unobserved") && message.contains("IllegalStateException"), message);
    }

    @Test
    void aFailureLostInAllOfFailsTheTest() {
        String message = failure(Examples.LosesAFailureInAllOf.class);
        assertTrue(message.contains("unobserved") && message.contains("IllegalArgumentException"), message);
    }

    @Test
    void aTestThatCleansUpPasses() {
        TestExecutionSummary summary = run(Examples.CleansUp.class);
        assertEquals(1, summary.getTestsSucceededCount(), failures(summary).toString());
    }

    @Test
    void ignoredThreadsAreNotBlamed() {
        TestExecutionSummary summary = run(Examples.IgnoresItsOwnThreads.class);
        assertEquals(1, summary.getTestsSucceededCount(), failures(summary).toString());
    }

    private static String failure(Class<?> example) {
        TestExecutionSummary summary = run(example);
        assertEquals(1, summary.getTestsFailedCount(), "the example must fail: " + example.getSimpleName());
        Throwable cause = summary.getFailures().getFirst().getException();
        assertTrue(cause instanceof AssertionError, String.valueOf(cause));
        return cause.getMessage();
    }

    private static TestExecutionSummary run(Class<?> example) {
        LauncherDiscoveryRequest request = request().selectors(selectClass(example)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static List<String> failures(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(f -> String.valueOf(f.getException())).toList();
    }
}
