package dev.loomscope.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs Loomscope's detectors around each test of the annotated class (or the annotated test): a
 * JFR recording of this JVM with Loomscope's settings while the test runs, a thread dump (virtual
 * threads included) when it ends, and the test fails when one of the threads it started is leaked,
 * deadlocked, left waiting on a future nobody completes, or another finding reaches
 * {@link #failOn()}. Threads that existed before the test started are never blamed on it.
 *
 * <pre>
 * &#64;CheckConcurrency
 * class OrderServiceTest { ... }
 * </pre>
 *
 * <p>With the Loomscope agent loaded ({@code -javaagent:loomscope-agent.jar=level=full} in the
 * test JVM's arguments) failed futures nobody observed and queue deadlocks are found too.
 * docs/junit.md says what each failure means.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ConcurrencyCheck.class)
public @interface CheckConcurrency {
    /** The least severity that fails the test: {@code info}, {@code low}, {@code medium}, {@code high}, {@code critical}. */
    String failOn() default "medium";

    /** Threads never blamed, by regular expressions found in their names. */
    String[] ignoreThreads() default {};

    /**
     * How long to wait after the test before looking, in milliseconds: threads the test started
     * may still be finishing (as goleak retries). A thread still blocked after it counts.
     */
    long settleMillis() default 300;

    /** Detector thresholds, {@code key=value} as {@code loomscope analyze --set} takes them. */
    String[] thresholds() default {};
}
