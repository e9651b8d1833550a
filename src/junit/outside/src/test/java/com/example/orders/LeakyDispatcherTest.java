package com.example.orders;

import dev.loomscope.junit.CheckConcurrency;
import org.junit.jupiter.api.Test;

/** Forgets to close the dispatcher: its three workers stay blocked in take(), and the test fails. */
@CheckConcurrency
class LeakyDispatcherTest {
    @Test
    void dispatchesEveryOrderButLeavesTheWorkers() throws InterruptedException {
        OrderDispatcher dispatcher = new OrderDispatcher(3);
        for (int i = 0; i < 100; i++) {
            dispatcher.submit("order-" + i);
        }
    }
}
