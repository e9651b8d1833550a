package com.example.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands orders to a few virtual-thread workers through a bounded queue. {@link #close()} stops
 * them: forget it and the workers stay blocked in take() forever, which is what
 * {@code @CheckConcurrency} catches in a test.
 */
public final class OrderDispatcher implements AutoCloseable {
    private static final String STOP = "";

    private final BlockingQueue<String> orders = new ArrayBlockingQueue<>(16);
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger dispatched = new AtomicInteger();

    public OrderDispatcher(int workerCount) {
        for (int i = 0; i < workerCount; i++) {
            workers.add(Thread.ofVirtual().name("order-worker-" + i).start(this::work));
        }
    }

    public void submit(String order) throws InterruptedException {
        orders.put(order);
    }

    public int dispatched() {
        return dispatched.get();
    }

    private void work() {
        try {
            for (String order = orders.take(); !order.equals(STOP); order = orders.take()) {
                dispatched.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every worker once the orders before it are dispatched, and waits for them. */
    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < workers.size(); i++) {
            orders.put(STOP);
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
