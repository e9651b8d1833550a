import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A target for an older JDK (run in source-file mode): a platform producer blocked on a full
 * queue and a consumer that sleeps 20 ms per item. No virtual threads: JDK 17 has none.
 */
public class OldJdkTarget {
    public static void main(String[] args) throws InterruptedException {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(4);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; ; i++) {
                    queue.put(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "old-producer");
        Thread consumer = new Thread(() -> {
            try {
                while (true) {
                    queue.take();
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "old-consumer");
        producer.start();
        consumer.start();
        producer.join();
    }
}
