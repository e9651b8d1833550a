package com.example.orders;

import dev.loomscope.junit.CheckConcurrency;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Passes: the dispatcher is closed, so its workers end. Delete the try-with-resources (keep the
 * body) and this test fails, naming order-worker-0 .. order-worker-2, blocked in take().
 */
@CheckConcurrency
class OrderDispatcherTest {
    @Test
    void dispatchesEveryOrder() throws InterruptedException {
        try (OrderDispatcher dispatcher = new OrderDispatcher(3)) {
            for (int i = 0; i < 100; i++) {
                dispatcher.submit("order-" + i);
            }
        }
    }

    @Test
    void countsWhatItDispatched() throws InterruptedException {
        OrderDispatcher dispatcher = new OrderDispatcher(2);
        dispatcher.submit("one");
        dispatcher.submit("two");
        dispatcher.close();
        assertEquals(2, dispatcher.dispatched());
    }
}
