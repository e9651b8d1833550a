package dev.loomscope.junit;

import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.detect.Threshold;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extension behind {@link CheckConcurrency}: a {@link TestCapture} from before each test to
 * after it, then the findings about the test's own threads; the test fails with
 * {@link FailureMessage} when one reaches the annotation's {@code failOn}.
 */
public final class ConcurrencyCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConcurrencyCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        context.getStore(NAMESPACE).put(TestCapture.class, TestCapture.start());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TestCapture capture = context.getStore(NAMESPACE).remove(TestCapture.class, TestCapture.class);
        if (capture == null) {
            return;
        }
        CheckConcurrency settings = settings(context);
        Thread.sleep(settings.settleMillis());
        Severity gate = Severity.parse(settings.failOn());
        Map<String, Double> thresholds = thresholds(settings.thresholds());
        // The settle time is the grace period: a thread of the test still blocked, waiting on a future
        // or in a deadlock after it is stuck (how long since its last event says little: JFR's periodic
        // per-thread statistics at the stream's end count as events).
        thresholds.putIfAbsent("neverCompleted.minWaitMs", 1.0);
        thresholds.putIfAbsent("leak.minStuckMs", 1.0);
        thresholds.putIfAbsent("deadlock.minStuckMs", 1.0);
        List<TestCapture.Problem> problems = capture.finish(thresholds, List.of(settings.ignoreThreads()), gate);
        if (!problems.isEmpty()) {
            throw new AssertionError(FailureMessage.of(problems, gate));
        }
    }

    private static CheckConcurrency settings(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, CheckConcurrency.class))
                .or(() -> context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, CheckConcurrency.class)))
                .orElseThrow(() -> new IllegalStateException("ConcurrencyCheck runs only with @CheckConcurrency"));
    }

    private static Map<String, Double> thresholds(String[] assignments) {
        Map<String, Double> thresholds = new HashMap<>();
        for (String assignment : assignments) {
            try {
                Threshold.assign(assignment, thresholds);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@CheckConcurrency(thresholds = ...): " + e.getMessage(), e);
            }
        }
        return thresholds;
    }
}
