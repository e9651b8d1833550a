package dev.loomscope.samples.futures;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * CompletableFuture chains of every kind, with two mistakes made on purpose.
 *
 * <p>Ground truth the tests rely on (all on a virtual-thread executor, {@code futures-worker-N}):
 * <ol>
 * <li>an order chain: {@code supplyAsync(loadOrder)} -> {@code thenApply(price)} ->
 *     {@code thenCompose(reserveStock)} -> {@code thenCombine(shipping)} -> {@code thenAccept}, joined;</li>
 * <li>a fan-out: {@code allOf} over 3 {@code supplyAsync(quote)}, then {@code anyOf} over 2 mirrors,
 *     both joined;</li>
 * <li>recovery: a failing {@code supplyAsync} handled by {@code exceptionally}, another by
 *     {@code handle}, another observed by {@code whenComplete}, all joined;</li>
 * <li>mistake 1, an unobserved failure: {@code supplyAsync(audit)} fails with
 *     {@link IllegalStateException}; nobody joins it, gets it or attaches a handler;</li>
 * <li>mistake 2, a future never completed: thread {@code futures-waiter} blocks in
 *     {@code get()} on a {@code new CompletableFuture<>()} nobody completes, until the program
 *     exits after {@code --linger-millis} (default 2000).</li>
 * <li>mistake 3, a failure hidden behind another (the {@code Task.WhenAll} trap): {@code allOf} over
 *     {@code supplyAsync(inventory)} and {@code supplyAsync(billing)}, both failing with
 *     {@link IllegalStateException}, is joined in {@link #settle}; the join throws the first input's
 *     failure (inventory), and billing's is never seen by anyone.</li>
 * </ol>
 * Prints {@code total N} for the order chain.
 */
public final class Futures {

    public static void main(String[] args) throws Exception {
        long linger = args.length == 2 && args[0].equals("--linger-millis") ? Long.parseLong(args[1]) : 2_000;
        CompletableFuture<String> forgotten = new CompletableFuture<>();
        Thread.ofVirtual().name("futures-waiter").start(() -> awaitForever(forgotten));
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("futures-worker-", 0).factory())) {
            int total = orderChain(pool);
            fanOut(pool);
            recovery(pool);
            CompletableFuture.supplyAsync(Futures::audit, pool); // mistake 1: its failure is never read
            settle(pool);
            System.out.println("total " + total);
            TimeUnit.MILLISECONDS.sleep(linger);
        }
    }

    private static int orderChain(ExecutorService pool) {
        CompletableFuture<Integer> order = CompletableFuture.supplyAsync(() -> work(10, 3), pool)
                .thenApply(amount -> amount * 2)
                .thenCompose(priced -> CompletableFuture.supplyAsync(() -> work(5, priced), pool));
        CompletableFuture<Integer> shipping = CompletableFuture.supplyAsync(() -> work(8, 7), pool);
        int[] total = new int[1];
        order.thenCombine(shipping, Integer::sum).thenAccept(sum -> total[0] = sum).join();
        return total[0];
    }

    private static void fanOut(ExecutorService pool) {
        CompletableFuture<?>[] quotes = new CompletableFuture<?>[3];
        for (int i = 0; i < quotes.length; i++) {
            int supplier = i;
            quotes[i] = CompletableFuture.supplyAsync(() -> work(4 + supplier, supplier), pool);
        }
        CompletableFuture.allOf(quotes).join();
        CompletableFuture.anyOf(CompletableFuture.supplyAsync(() -> work(6, 1), pool),
                CompletableFuture.supplyAsync(() -> work(3, 2), pool)).join();
    }

    private static void recovery(ExecutorService pool) {
        CompletableFuture.supplyAsync(() -> fail("price service down"), pool).exceptionally(e -> -1).join();
        CompletableFuture.supplyAsync(() -> fail("stock service down"), pool).handle((v, e) -> e == null ? v : 0).join();
        CompletableFuture.supplyAsync(() -> work(2, 9), pool).whenComplete((v, e) -> { }).join();
    }

    /** Mistake 3: only the first failure of an allOf reaches the join; billing's is lost. */
    private static void settle(ExecutorService pool) {
        CompletableFuture<Integer> inventory = CompletableFuture.supplyAsync(() -> fail("inventory locked"), pool);
        CompletableFuture<Integer> billing = CompletableFuture.supplyAsync(() -> fail("card declined"), pool);
        try {
            CompletableFuture.allOf(inventory, billing).join();
        } catch (RuntimeException e) {
            System.out.println("settle failed: " + e.getCause().getMessage());
        }
    }

    private static int audit() {
        work(3, 0);
        throw new IllegalStateException("audit log unavailable");
    }

    private static int fail(String why) {
        work(2, 0);
        throw new IllegalStateException(why);
    }

    private static void awaitForever(CompletableFuture<String> never) {
        try {
            never.get(); // mistake 2: nobody ever completes it
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps {@code millis} (as I/O would) and returns {@code value}. */
    private static int work(long millis, int value) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }
}
