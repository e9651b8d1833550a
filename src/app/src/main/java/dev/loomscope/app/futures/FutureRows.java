package dev.loomscope.app.futures;

import dev.loomscope.core.model.FutureChains;

import java.util.Arrays;

/**
 * The rows of the Futures view: a header per chain, then its futures in creation order. With
 * {@code problemsOnly}, only the chains with a failure or a future never completed are listed.
 */
final class FutureRows {
    private final int[] chain;
    private final int[] future;
    private final int[] rowOfFuture;
    private final int size;

    private FutureRows(int[] chain, int[] future, int[] rowOfFuture, int size) {
        this.chain = chain;
        this.future = future;
        this.rowOfFuture = rowOfFuture;
        this.size = size;
    }

    static FutureRows empty() {
        return new FutureRows(new int[0], new int[0], new int[0], 0);
    }

    static FutureRows of(FutureChains chains, boolean problemsOnly) {
        int futures = chains.graph().size();
        int[] chainOfRow = new int[futures + chains.chainCount()];
        int[] futureOfRow = new int[chainOfRow.length];
        int[] rowOf = new int[futures];
        Arrays.fill(rowOf, -1);
        int rows = 0;
        for (int c = 0; c < chains.chainCount(); c++) {
            if (problemsOnly && !hasProblem(chains, c)) {
                continue;
            }
            chainOfRow[rows] = c;
            futureOfRow[rows++] = -1;
            for (int k = 0; k < chains.chainSize(c); k++) {
                int f = chains.future(c, k);
                chainOfRow[rows] = c;
                futureOfRow[rows] = f;
                rowOf[f] = rows++;
            }
        }
        return new FutureRows(chainOfRow, futureOfRow, rowOf, rows);
    }

    private static boolean hasProblem(FutureChains chains, int c) {
        for (int k = 0; k < chains.chainSize(c); k++) {
            if (chains.outcome(chains.future(c, k)) != FutureChains.Outcome.COMPLETED) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    int chain(int row) {
        return chain[row];
    }

    /** The future of {@code row}, or -1 for a chain's header. */
    int future(int row) {
        return future[row];
    }

    /** The row of future {@code f}, or -1 if it is not listed. */
    int rowOf(int f) {
        return f >= 0 && f < rowOfFuture.length ? rowOfFuture[f] : -1;
    }
}
