package dev.loomscope.agent.inst;

import static dev.loomscope.agent.inst.FutureTargets.CF;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The hook points inserted into one class, by plan and kind, and the check that each expected
 * point was found exactly as often as expected: a JDK whose {@code CompletableFuture} differs
 * from the one the plans describe must leave the futures untouched, not half-instrumented.
 */
final class FutureHookCounts {
    private final String owner;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private int rewrites;
    private int resultWrites;

    FutureHookCounts(String owner) {
        this.owner = owner;
    }

    /** The class has the method {@code plan} hooks. */
    void seen(FutureTargets.Plan plan) {
        seen.add(plan.key());
    }

    void count(FutureTargets.Plan plan, String what) {
        counts.merge(plan.key() + " " + what, 1, Integer::sum);
    }

    /** An internal {@code new CompletableFuture()} was rewritten. */
    void rewrote() {
        rewrites++;
    }

    /** A write of {@code CompletableFuture.result} was hooked. */
    void resultWritten() {
        resultWrites++;
    }

    private int got(FutureTargets.Plan plan, String what) {
        return counts.getOrDefault(plan.key() + " " + what, 0);
    }

    /** Checks every expected hook point was found exactly as often as expected. Returns the count. */
    int verify() {
        int total = 0;
        for (FutureTargets.Plan p : FutureTargets.PLANS.values()) {
            if (!p.owner.equals(owner)) {
                continue;
            }
            if (!seen.contains(p.key())) {
                throw new IllegalStateException("unknown JDK internals: missing " + p.label());
            }
            expect(p, "creation", p.creation == null ? 0 : p.sites);
            expect(p, "orNow", p.orNowCallee == null ? 0 : 1);
            expect(p, "continuation", p.continuation == null ? 0 : 1);
            expect(p, "inner", p.inner == null ? 0 : 1);
            expect(p, "observer", p.observer < 0 ? 0 : 1);
            expect(p, "completer", p.completer ? 1 : 0);
            if (p.constructorNew && got(p, "constructorNew") < 1) {
                throw new IllegalStateException("unknown JDK internals: no hook point in " + p.label());
            }
            for (String what : new String[] {"creation", "orNow", "continuation", "inner", "observer",
                "completer", "constructorNew"}) {
                total += got(p, what);
            }
        }
        Integer internalNew = FutureTargets.INTERNAL_NEW.get(owner);
        if (internalNew != null && rewrites != internalNew) {
            throw new IllegalStateException("unknown JDK internals: " + rewrites + " internal 'new "
                    + "CompletableFuture()' in " + owner + ", expected " + internalNew);
        }
        if (owner.equals(CF) && resultWrites == 0) {
            throw new IllegalStateException("unknown JDK internals: no writes of CompletableFuture.result");
        }
        return total + rewrites + resultWrites;
    }

    private void expect(FutureTargets.Plan p, String what, int n) {
        int got = got(p, what);
        if (got != n) {
            throw new IllegalStateException("unknown JDK internals: " + got + " " + what
                    + " hook points in " + p.label() + ", expected " + n);
        }
    }
}
