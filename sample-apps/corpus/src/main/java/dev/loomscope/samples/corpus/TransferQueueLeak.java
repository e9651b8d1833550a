package dev.loomscope.samples.corpus;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TransferQueue;

/**
 * A hand-off with nobody on the other side: an event bus whose publishers wait in
 * {@code transfer()} until a consumer takes each event, but whose consumer thread is created and
 * never started.
 *
 * <p>Ground truth: {@value #PUBLISHERS} virtual threads {@code publisher-1} to
 * {@code publisher-10} block forever in {@code LinkedTransferQueue.transfer()} in
 * {@link EventBus#publish}, from about 0 s until the end. The platform thread
 * {@code event-dispatcher} is built in the {@link EventBus} constructor but {@link EventBus#open}
 * forgets to start it (the bug), so it never runs. Main waits until they are all stuck, then
 * {@value #STUCK_MILLIS} ms ({@link Stuck}), and calls
 * {@code System.exit(0)} while all 10 publishers are still blocked.
 */
public final class TransferQueueLeak {
    static final int PUBLISHERS = 10;
    static final long STUCK_MILLIS = 3_000;

    static final class EventBus {
        private final TransferQueue<String> events = new LinkedTransferQueue<>();
        private final Thread dispatcher;
        private volatile boolean open;

        EventBus() {
            dispatcher = Thread.ofPlatform().name("event-dispatcher").daemon().unstarted(this::dispatch);
        }

        void open() {
            open = true; // the bug: dispatcher.start() is missing
        }

        /** Returns once a consumer has received the event. */
        void publish(String event) throws InterruptedException {
            if (!open) {
                throw new IllegalStateException("bus closed");
            }
            events.transfer(event); // blocks forever: no consumer ever takes
        }

        private void dispatch() {
            try {
                while (true) {
                    System.out.println("dispatched " + events.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        EventBus bus = new EventBus();
        bus.open();
        for (int i = 1; i <= PUBLISHERS; i++) {
            String event = "order-placed #" + (1000 + i);
            Thread.ofVirtual().name("publisher-" + i).start(() -> {
                try {
                    bus.publish(event);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Stuck.hold(() -> bus.events.size() == PUBLISHERS, STUCK_MILLIS);
        System.out.println(bus.events.size() + " events waiting for a consumer; dispatcher is "
                + bus.dispatcher.getState());
        System.exit(0);
    }
}
