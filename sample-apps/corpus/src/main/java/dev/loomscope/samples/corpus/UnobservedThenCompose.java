package dev.loomscope.samples.corpus;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A page handler that caches profile futures and never looks inside them: the avatar download
 * behind {@code thenCompose} fails for some users and the failure sits in the cache unseen.
 *
 * <p>Ground truth: {@value #PAGE_VIEWS} page views, one every 100 ms (about 3 s). Each view:
 * <ol>
 * <li>{@code supplyAsync(lookupAccount)} on virtual threads {@code accounts-N} (15 ms), then
 *     {@code thenCompose(account -> supplyAsync(fetchAvatar))}, the inner call on virtual threads
 *     {@code avatar-N} (25 ms). For users whose id ends in 7 (users 7, 17, 27) the avatar object
 *     is missing and {@code fetchAvatar} throws {@link IllegalStateException}: the inner future
 *     fails, so the composed stage fails. The composed stage is stored in {@code profileCache}
 *     and nobody ever joins, gets or handles it: 3 failures lost, on {@code avatar-N} threads.</li>
 * <li>an unrelated recommendations prefetch on virtual threads {@code recs-N} (150 ms) is
 *     {@code cancel()}led when the user navigates away after 100 ms. Cancellation is deliberate,
 *     not a lost failure.</li>
 * </ol>
 * All executors are closed (awaited) at the end.
 */
public final class UnobservedThenCompose {
    static final int PAGE_VIEWS = 30;

    record Account(int userId, String avatarKey) { }

    record Profile(Account account, byte[] avatar) { }

    public static void main(String[] args) throws InterruptedException {
        Map<Integer, CompletableFuture<Profile>> profileCache = new ConcurrentHashMap<>();
        int cancelled = 0;
        try (ExecutorService accounts = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("accounts-", 1).factory());
             ExecutorService avatars = Executors.newThreadPerTaskExecutor(
                     Thread.ofVirtual().name("avatar-", 1).factory());
             ExecutorService recs = Executors.newThreadPerTaskExecutor(
                     Thread.ofVirtual().name("recs-", 1).factory())) {
            for (int userId = 1; userId <= PAGE_VIEWS; userId++) {
                int id = userId;
                CompletableFuture<Profile> profile = CompletableFuture.supplyAsync(() -> lookupAccount(id), accounts)
                        .thenCompose(account -> CompletableFuture.supplyAsync(() -> fetchAvatar(account), avatars));
                profileCache.put(id, profile); // rendered later "if it is there"; never checked
                CompletableFuture<int[]> prefetch = CompletableFuture.supplyAsync(() -> recommendations(id), recs);
                TimeUnit.MILLISECONDS.sleep(100);
                // The user has left the page: the prefetch is no longer wanted.
                if (prefetch.cancel(false)) {
                    cancelled++;
                }
            }
        }
        System.out.println("served " + profileCache.size() + " pages, cancelled " + cancelled + " prefetches");
    }

    private static Account lookupAccount(int userId) {
        pause(15);
        return new Account(userId, "avatars/" + userId + ".png");
    }

    private static Profile fetchAvatar(Account account) {
        pause(25);
        if (account.userId() % 10 == 7) {
            throw new IllegalStateException("no such object: " + account.avatarKey());
        }
        return new Profile(account, new byte[256]);
    }

    private static int[] recommendations(int userId) {
        pause(150);
        return new int[] {userId + 1, userId + 2, userId + 3};
    }

    /** Stands in for a remote call. */
    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
