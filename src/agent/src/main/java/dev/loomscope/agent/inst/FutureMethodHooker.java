package dev.loomscope.agent.inst;

import static dev.loomscope.agent.inst.FutureTargets.CF;
import static dev.loomscope.agent.inst.FutureTargets.CF_DESC;
import static dev.loomscope.agent.inst.FutureTargets.MINIMAL;

import dev.loomscope.agent.boot.FutureContinuations;
import dev.loomscope.agent.boot.FutureHooks;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites one method of {@code CompletableFuture} or one of its nested classes as
 * {@link FutureTransformer} describes, reporting every hook point it inserts to a
 * {@link FutureHookCounts}.
 */
final class FutureMethodHooker extends TokenLocal.Visitor {
    private static final String HOOKS = FutureHooks.class.getName().replace('.', '/');
    private static final String CONTINUATIONS = FutureContinuations.class.getName().replace('.', '/');
    private static final String O = "Ljava/lang/Object;";
    private static final int COMPOSE_INNER = FutureTargets.kind("composeInner");

    private final FutureHookCounts counts;
    private final FutureTargets.Plan plan;
    private final boolean constructor;
    private final boolean rewrite;
    private final boolean results;
    private final Set<Label> handlers = new HashSet<>();
    private boolean atHandler;
    /** Local holding newIncompleteFuture()'s result / the dep field's value, -1 until seen. */
    private int newLocal = -1;
    private int depLocal = -1;
    private boolean afterNew;
    private int depState;

    FutureMethodHooker(MethodVisitor next, FutureHookCounts counts, FutureTargets.Plan plan, int token,
                       boolean constructor, boolean rewrite, boolean results) {
        super(next, token);
        this.counts = counts;
        this.plan = plan;
        this.constructor = constructor;
        this.rewrite = rewrite;
        this.results = results;
    }

    // ------------------------------------------------------------ emit helpers

    private void hook(String name, String descriptor) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
    }

    private void continuationHook(String name, String descriptor) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, CONTINUATIONS, name, descriptor, false);
    }

    private void load(int local) {
        super.visitVarInsn(Opcodes.ALOAD, local);
    }

    private void nul() {
        super.visitInsn(Opcodes.ACONST_NULL);
    }

    private void loadDependent(FutureTargets.Dependent d) {
        int local = switch (d) {
            case THIS -> 0;
            case NEW_LOCAL -> newLocal;
            case DEP_LOCAL -> depLocal;
        };
        if (local < 0) {
            throw new IllegalStateException("unknown JDK internals: dependent future not found in "
                    + plan.label());
        }
        load(local);
    }

    /** The token stays: the method's exits commit what the completion did not ({@link #exitContinuation}). */
    private void endContinuation() {
        load(token);
        continuationHook("contEnd", "(" + O + ")V");
    }

    /** Before a return or throw of a method that calls a user function. */
    private void exitContinuation(int opcode) {
        if (plan != null && plan.continuation != null && token >= 0
                && (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN || opcode == Opcodes.ATHROW)) {
            load(token);
            continuationHook("contDone", "(" + O + ")V");
        }
    }

    /** Stack [d] -> [d]: report the creation of d. */
    private void creationSite() {
        counts.count(plan, "creation");
        switch (plan.creation) {
            case NOW -> {
                super.visitInsn(Opcodes.DUP);
                load(0);
                load(2);
                load(3);
                super.visitLdcInsn(plan.kind);
                hook("nowCreated", "(" + O + O + O + O + "I)V");
            }
            case AND_TREE -> {
                super.visitInsn(Opcodes.DUP);
                load(0);
                super.visitVarInsn(Opcodes.ILOAD, 1);
                super.visitVarInsn(Opcodes.ILOAD, 2);
                hook("andTreeNode", "(" + O + "[" + O + "II)V");
            }
            case ANY_OF -> {
                dupWithResult();
                load(0);
                hook("anyOfCreated", "(" + O + O + "[" + O + ")V");
            }
            default -> {
                dupWithResult();
                switch (plan.creation) {
                    case STAGE1 -> { load(0); nul(); load(1); load(2); }
                    case STAGE2 -> { load(0); load(2); load(1); load(3); }
                    case COPY, SELF -> { load(0); nul(); nul(); nul(); }
                    case FACTORY -> {
                        nul();
                        nul();
                        nul();
                        if (plan.fnArg >= 0) {
                            load(plan.fnArg);
                        } else {
                            nul();
                        }
                    }
                    default -> throw new IllegalStateException(plan.creation.name());
                }
                super.visitLdcInsn(plan.kind);
                hook("created", "(" + O + O + O + O + O + O + "I)V");
            }
        }
    }

    /** [d] -> [d, d, d.result] */
    private void dupWithResult() {
        super.visitInsn(Opcodes.DUP);
        super.visitInsn(Opcodes.DUP);
        super.visitFieldInsn(Opcodes.GETFIELD, CF, "result", O);
    }

    // ------------------------------------------------------------ visiting

    @Override
    public void visitCode() {
        super.visitCode();
        if (plan != null && plan.observer >= 0) {
            load(0);
            super.visitLdcInsn(plan.observer);
            hook("observed", "(" + O + "I)V");
            counts.count(plan, "observer");
        }
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        if (token >= 0) {
            handlers.add(handler);
        }
        super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        super.visitLabel(label);
        if (handlers.contains(label)) {
            atHandler = true;
        }
    }

    /** Before every original instruction: close a continuation when a catch handler starts. */
    private void before() {
        if (atHandler) {
            atHandler = false;
            endContinuation();
        }
    }

    private void resetPatterns() {
        afterNew = false;
        depState = 0;
    }

    @Override
    public void visitInsn(int opcode) {
        before();
        boolean dup = opcode == Opcodes.DUP && depState == 1;
        resetPatterns();
        if (dup) {
            depState = 2;
        }
        if (plan != null && plan.completer && opcode == Opcodes.IRETURN) {
            super.visitInsn(Opcodes.DUP);
            load(0);
            super.visitInsn(Opcodes.DUP);
            super.visitFieldInsn(Opcodes.GETFIELD, CF, "result", O);
            hook("completed", "(Z" + O + O + ")V");
            counts.count(plan, "completer");
        }
        if (plan != null && plan.constructorNew && opcode == Opcodes.RETURN) {
            load(0);
            hook("constructed", "(" + O + ")V");
            counts.count(plan, "constructorNew");
        }
        exitContinuation(opcode);
        super.visitInsn(opcode);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        before();
        if (opcode == Opcodes.ASTORE) {
            if (afterNew && newLocal < 0) {
                newLocal = var;
            }
            if (depState == 2 && depLocal < 0) {
                depLocal = var;
            }
        }
        resetPatterns();
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
        before();
        resetPatterns();
        if (results && opcode == Opcodes.PUTFIELD && fieldOwner.equals(CF) && name.equals("result")) {
            super.visitInsn(Opcodes.DUP2);
            super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
            hook("resultSet", "(" + O + O + ")V");
            counts.resultWritten();
            return;
        }
        super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
        if (opcode == Opcodes.GETFIELD && name.equals("dep") && descriptor.equals(CF_DESC)) {
            depState = 1;
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String callee, String name, String descriptor, boolean itf) {
        before();
        resetPatterns();
        if (rewrite && opcode == Opcodes.INVOKESPECIAL && callee.equals(CF) && name.equals("<init>")
                && descriptor.equals("()V")) {
            nul();                                        // new CompletableFuture((Object) null)
            super.visitMethodInsn(opcode, CF, "<init>", "(" + O + ")V", false);
            counts.rewrote();
            afterConstructor(callee);
            return;
        }
        if (plan != null && plan.orNowCallee != null && opcode == Opcodes.INVOKEVIRTUAL
                && callee.equals(CF) && name.equals(plan.orNowCallee)) {
            load(0);
            load(2);
            super.visitLdcInsn(plan.kind);
            hook("orNow", "(" + O + O + "I)V");
            super.visitMethodInsn(opcode, callee, name, descriptor, itf);
            hook("orNowDone", "()V");
            counts.count(plan, "orNow");
            return;
        }
        if (plan != null && plan.continuation != null && opcode == Opcodes.INVOKEINTERFACE
                && isUserFunction(callee, name)) {
            load(token);                                  // a function called twice: the first one's event first
            continuationHook("contDone", "(" + O + ")V");
            loadDependent(plan.continuation);
            continuationHook("contBegin", "(" + O + ")" + O);
            super.visitVarInsn(Opcodes.ASTORE, token);
            super.visitMethodInsn(opcode, callee, name, descriptor, itf);
            endContinuation();
            counts.count(plan, "continuation");
            return;
        }
        super.visitMethodInsn(opcode, callee, name, descriptor, itf);
        if (opcode == Opcodes.INVOKEVIRTUAL && name.equals("newIncompleteFuture")
                && descriptor.equals("()" + CF_DESC)) {
            if (plan != null && plan.creation != null && plan.creation.afterNewIncomplete()) {
                creationSite();
            }
            afterNew = true;
        } else if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
            afterConstructor(callee);
        } else if (plan != null && plan.inner != null && opcode == Opcodes.INVOKEINTERFACE
                && callee.equals("java/util/concurrent/CompletionStage") && name.equals("toCompletableFuture")) {
            super.visitInsn(Opcodes.DUP);
            loadDependent(plan.inner);
            super.visitLdcInsn(COMPOSE_INNER);
            hook("inner", "(" + O + O + "I)V");
            counts.count(plan, "inner");
        }
    }

    /** After a constructor call: a creation site if this method creates futures that way. */
    private void afterConstructor(String callee) {
        if (!constructor && plan != null && plan.creation != null && !plan.creation.afterNewIncomplete()
                && (callee.equals(CF) || callee.equals(MINIMAL))) {
            creationSite();
        }
    }

    private boolean isUserFunction(String callee, String name) {
        return switch (callee) {
            case "java/util/function/Function", "java/util/function/BiFunction" -> name.equals("apply");
            case "java/util/function/Consumer", "java/util/function/BiConsumer" -> name.equals("accept");
            case "java/util/function/Supplier" -> name.equals("get");
            case "java/lang/Runnable" -> name.equals("run");
            default -> false;
        };
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        before();
        resetPatterns();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        before();
        resetPatterns();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        before();
        resetPatterns();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        before();
        resetPatterns();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        before();
        resetPatterns();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        before();
        resetPatterns();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        before();
        resetPatterns();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        before();
        resetPatterns();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, org.objectweb.asm.Handle bsm,
                                       Object... bsmArgs) {
        before();
        resetPatterns();
        super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
    }
}
