package dev.loomscope.samples.corpus;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A future nobody completes: it is completed from a listener on a connection's "ready" event,
 * and that event never fires, because the connection is never opened.
 *
 * <p>Ground truth: one {@code new CompletableFuture<>()} created in {@link #main} is completed only
 * by a listener registered with {@link Connection#onReady}; nothing ever calls
 * {@link Connection#open} (the bug), so it never completes. Virtual thread {@code vt-awaiter} and
 * platform thread {@code pt-awaiter} block forever in {@code CompletableFuture.get()} in
 * {@link #awaitSession}, from about 0 s until the end. Main waits until they are all stuck, then
 * {@value #STUCK_MILLIS} ms ({@link Stuck}), and
 * calls {@code System.exit(0)} while both are still waiting.
 */
public final class NeverCompletedFuture {
    static final long STUCK_MILLIS = 3_000;

    /** A tiny event source: listeners run when the connection becomes ready. */
    static final class Connection {
        private final String url;
        private final List<Consumer<String>> readyListeners = new CopyOnWriteArrayList<>();

        Connection(String url) {
            this.url = url;
        }

        void onReady(Consumer<String> listener) {
            readyListeners.add(listener);
        }

        void open() {
            String sessionId = "session@" + url;
            readyListeners.forEach(listener -> listener.accept(sessionId));
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Connection connection = new Connection("broker://orders:5672");
        CompletableFuture<String> session = new CompletableFuture<>();
        connection.onReady(session::complete); // the only way the future completes
        // the bug: connection.open() is never called
        Thread.ofVirtual().name("vt-awaiter").start(() -> awaitSession(session));
        Thread.ofPlatform().name("pt-awaiter").daemon().start(() -> awaitSession(session));
        Stuck.hold(() -> session.getNumberOfDependents() == 2, STUCK_MILLIS);
        System.out.println("session still pending: " + session.state());
        System.exit(0);
    }

    static void awaitSession(CompletableFuture<String> session) {
        try {
            String id = session.get(); // blocks forever: nothing completes it
            System.out.println(Thread.currentThread().getName() + " using " + id);
        } catch (ExecutionException e) {
            System.out.println("connection failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
