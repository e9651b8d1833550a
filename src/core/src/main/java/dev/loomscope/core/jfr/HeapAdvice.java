package dev.loomscope.core.jfr;

/**
 * What a user is told when Loomscope runs out of heap: one line that says how much it had and how
 * to give it more, never a stack trace. Loomscope starts with half of the machine's memory
 * ({@code -XX:MaxRAMPercentage=50} in the launcher and the installed app).
 */
public final class HeapAdvice {
    private HeapAdvice() {
    }

    /** The line to show after an {@link OutOfMemoryError}. */
    public static String outOfMemory() {
        long heapMegabytes = Runtime.getRuntime().maxMemory() >> 20;
        return "Loomscope ran out of memory (its heap is " + heapMegabytes + " MB; a recording needs up to a few "
                + "times its size). Give it more: LOOMSCOPE_HEAP=8g ./loomscope ..., or for the installed app "
                + "-Xmx8g in lib/app/loomscope.cfg (docs/cli.md, Memory).";
    }
}
