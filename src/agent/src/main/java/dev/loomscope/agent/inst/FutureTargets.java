package dev.loomscope.agent.inst;

import dev.loomscope.agent.boot.FutureHooks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the future hooks go in JDK 25's CompletableFuture and its nested classes. Each entry is a
 * method (owner, name, descriptor) with what to inject there and how many hook points it must have;
 * FutureTransformer fails (and the futures group stays off) if a count differs.
 */
final class FutureTargets {
    private FutureTargets() {}

    static final String CF = "java/util/concurrent/CompletableFuture";
    static final String CF_DESC = "L" + CF + ";";
    static final String MINIMAL = CF + "$MinimalStage";

    /** What a creation site passes to the hooks (see FutureTransformer). */
    enum Creation {
        /** uniXStage(Executor e, fn): source this. */
        STAGE1,
        /** biXStage/orXStage(Executor e, CompletionStage o, fn): sources this and o. */
        STAGE2,
        /** uniXNow(Object r, Executor e, fn): thenX on a completed source, or an either-stage's. */
        NOW,
        /** uniCopyStage(CompletableFuture src) (static): source src. */
        COPY,
        /** static factory: no source. */
        FACTORY,
        /** instance method returning a relay of this (minimalCompletionStage, toCompletableFuture). */
        SELF,
        /** anyOf(CompletableFuture... cfs). */
        ANY_OF,
        /** andTree(cfs, lo, hi): the allOf tree. */
        AND_TREE;

        /** Triggered after newIncompleteFuture() (true) or after a constructor call (false). */
        boolean afterNewIncomplete() {
            return this == STAGE1 || this == STAGE2 || this == NOW || this == COPY;
        }
    }

    /** Where the hooks find the dependent future of a continuation / compose. */
    enum Dependent { THIS, NEW_LOCAL, DEP_LOCAL }

    /** Hook plan of one method. */
    static final class Plan {
        final String owner;
        final String name;
        final String descriptor;
        Creation creation;
        int kind = -1;
        int sites = 1;
        int fnArg = -1;
        String orNowCallee;
        Dependent continuation;
        Dependent inner;
        int observer = -1;
        boolean completer;
        boolean constructorNew;

        Plan(String owner, String name, String descriptor) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
        }

        String key() {
            return owner + "." + name + descriptor;
        }

        String label() {
            return owner.substring(owner.lastIndexOf('/') + 1) + "." + name + descriptor;
        }
    }

    static int kind(String name) {
        int i = FutureHooks.KINDS.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(name);
        }
        return i;
    }

    /** The classes to transform (internal names). */
    static final List<String> CLASSES = List.of(CF, MINIMAL,
            CF + "$UniApply", CF + "$UniAccept", CF + "$UniRun", CF + "$UniCompose",
            CF + "$UniComposeExceptionally", CF + "$OrApply", CF + "$OrAccept", CF + "$OrRun",
            CF + "$AsyncSupply", CF + "$AsyncRun");

    /** Plans by owner + name + descriptor. */
    static final Map<String, Plan> PLANS = new LinkedHashMap<>();

    /** Constructor calls {@code new CompletableFuture()} rewritten to the internal (Object) form, per class. */
    static final Map<String, Integer> INTERNAL_NEW = Map.of(CF, 6, MINIMAL, 2);

    private static final String EX = "Ljava/util/concurrent/Executor;";
    private static final String STAGE = "Ljava/util/concurrent/CompletionStage;";
    private static final String FN = "Ljava/util/function/Function;";
    private static final String CONSUMER = "Ljava/util/function/Consumer;";
    private static final String BICONSUMER = "Ljava/util/function/BiConsumer;";
    private static final String BIFN = "Ljava/util/function/BiFunction;";
    private static final String RUNNABLE = "Ljava/lang/Runnable;";
    private static final String OBJ = "Ljava/lang/Object;";

    private static Plan plan(String owner, String name, String descriptor) {
        Plan p = new Plan(owner, name, descriptor);
        PLANS.put(p.key(), p);
        return p;
    }

    private static Plan creation(String owner, String name, String descriptor, Creation c, String kind) {
        Plan p = plan(owner, name, descriptor);
        p.creation = c;
        p.kind = kind(kind);
        return p;
    }

    static {
        // Stage methods: the dependent is created by newIncompleteFuture().
        String[][] uni = {
            {"uniApplyStage", FN, "thenApply"}, {"uniAcceptStage", CONSUMER, "thenAccept"},
            {"uniRunStage", RUNNABLE, "thenRun"}, {"uniWhenCompleteStage", BICONSUMER, "whenComplete"},
            {"uniHandleStage", BIFN, "handle"}, {"uniExceptionallyStage", FN, "exceptionally"},
            {"uniComposeExceptionallyStage", FN, "exceptionallyCompose"}, {"uniComposeStage", FN, "thenCompose"}};
        for (String[] u : uni) {
            creation(CF, u[0], "(" + EX + u[1] + ")" + CF_DESC, Creation.STAGE1, u[2]);
        }
        for (String m : List.of("uniComposeExceptionallyStage", "uniComposeStage")) {
            Plan p = PLANS.get(CF + "." + m + "(" + EX + FN + ")" + CF_DESC);
            p.continuation = Dependent.NEW_LOCAL;      // e == null and source completed: f runs here
            p.inner = Dependent.NEW_LOCAL;
        }
        String[][] bi = {
            {"biApplyStage", BIFN, "thenCombine", null}, {"biAcceptStage", BICONSUMER, "thenAcceptBoth", null},
            {"biRunStage", RUNNABLE, "runAfterBoth", null}, {"orApplyStage", FN, "applyToEither", "uniApplyNow"},
            {"orAcceptStage", CONSUMER, "acceptEither", "uniAcceptNow"}, {"orRunStage", RUNNABLE, "runAfterEither", "uniRunNow"}};
        for (String[] b : bi) {
            creation(CF, b[0], "(" + EX + STAGE + b[1] + ")" + CF_DESC, Creation.STAGE2, b[2]).orNowCallee = b[3];
        }
        String[][] now = {{"uniApplyNow", FN, "thenApply"}, {"uniAcceptNow", CONSUMER, "thenAccept"},
            {"uniRunNow", RUNNABLE, "thenRun"}};
        for (String[] n : now) {
            creation(CF, n[0], "(" + OBJ + EX + n[1] + ")" + CF_DESC, Creation.NOW, n[2]).continuation = Dependent.NEW_LOCAL;
        }
        creation(CF, "uniCopyStage", "(" + CF_DESC + ")" + CF_DESC, Creation.COPY, "copy");

        // Factories: the future is created by a constructor call.
        creation(CF, "asyncSupplyStage", "(" + EX + "Ljava/util/function/Supplier;)" + CF_DESC, Creation.FACTORY,
                "supplyAsync").fnArg = 1;
        creation(CF, "asyncRunStage", "(" + EX + RUNNABLE + ")" + CF_DESC, Creation.FACTORY, "runAsync").fnArg = 1;
        creation(CF, "completedFuture", "(" + OBJ + ")" + CF_DESC, Creation.FACTORY, "completedFuture");
        creation(CF, "failedFuture", "(Ljava/lang/Throwable;)" + CF_DESC, Creation.FACTORY, "failedFuture");
        creation(CF, "completedStage", "(" + OBJ + ")" + STAGE, Creation.FACTORY, "completedStage");
        creation(CF, "failedStage", "(Ljava/lang/Throwable;)" + STAGE, Creation.FACTORY, "failedStage");
        creation(CF, "uniAsMinimalStage", "()L" + MINIMAL + ";", Creation.SELF, "minimalCompletionStage").sites = 2;
        creation(CF, "anyOf", "([" + CF_DESC + ")" + CF_DESC, Creation.ANY_OF, "anyOf").sites = 3;
        creation(CF, "andTree", "([" + CF_DESC + "II)" + CF_DESC, Creation.AND_TREE, "allOf");
        creation(MINIMAL, "toCompletableFuture", "()" + CF_DESC, Creation.SELF, "toCompletableFuture").sites = 2;

        // Functions run by d's own methods (d = this).
        String[][] self = {
            {"biAccept", "(" + OBJ + OBJ + BICONSUMER + "L" + CF + "$BiAccept;)Z"},
            {"biApply", "(" + OBJ + OBJ + BIFN + "L" + CF + "$BiApply;)Z"},
            {"biRun", "(" + OBJ + OBJ + RUNNABLE + "L" + CF + "$BiRun;)Z"},
            {"uniHandle", "(" + OBJ + BIFN + "L" + CF + "$UniHandle;)Z"},
            {"uniExceptionally", "(" + OBJ + FN + "L" + CF + "$UniExceptionally;)Z"},
            {"uniWhenComplete", "(" + OBJ + BICONSUMER + "L" + CF + "$UniWhenComplete;)Z"}};
        for (String[] s : self) {
            plan(CF, s[0], s[1]).continuation = Dependent.THIS;
        }
        // Functions run by completions (d = their dep field, read into a local at the start).
        for (String c : List.of("UniApply", "UniAccept", "UniRun", "OrApply", "OrAccept", "OrRun")) {
            plan(CF + "$" + c, "tryFire", "(I)" + CF_DESC).continuation = Dependent.DEP_LOCAL;
        }
        for (String c : List.of("UniCompose", "UniComposeExceptionally")) {
            Plan p = plan(CF + "$" + c, "tryFire", "(I)" + CF_DESC);
            p.continuation = Dependent.DEP_LOCAL;
            p.inner = Dependent.DEP_LOCAL;
        }
        for (String c : List.of("AsyncSupply", "AsyncRun")) {
            plan(CF + "$" + c, "run", "()V").continuation = Dependent.DEP_LOCAL;
        }

        // Completion: the result CAS methods (return true when they set it).
        for (String[] c : new String[][] {{"completeValue", "(" + OBJ + ")Z"}, {"completeNull", "()Z"},
            {"completeThrowable", "(Ljava/lang/Throwable;)Z"}, {"completeThrowable", "(Ljava/lang/Throwable;" + OBJ + ")Z"},
            {"completeRelay", "(" + OBJ + ")Z"}, {"internalComplete", "(" + OBJ + ")Z"}}) {
            plan(CF, c[0], c[1]).completer = true;
        }
        // Observation.
        for (String[] o : new String[][] {{"join", "()" + OBJ, "join"}, {"get", "()" + OBJ, "get"},
            {"get", "(JLjava/util/concurrent/TimeUnit;)" + OBJ, "get"}, {"getNow", "(" + OBJ + ")" + OBJ, "getNow"},
            {"resultNow", "()" + OBJ, "resultNow"}, {"exceptionNow", "()Ljava/lang/Throwable;", "exceptionNow"}}) {
            plan(CF, o[0], o[1]).observer = FutureHooks.OBSERVERS.indexOf(o[2]);
        }
        plan(CF, "<init>", "()V").constructorNew = true;
    }

    /** Methods per class for the internals check: name + descriptor. */
    static List<JdkInternals.Member> methodsOf(String owner) {
        List<JdkInternals.Member> out = new ArrayList<>();
        for (Plan p : PLANS.values()) {
            if (p.owner.equals(owner)) {
                out.add(new JdkInternals.Member(p.name, p.descriptor, p.name));
            }
        }
        return out;
    }
}
