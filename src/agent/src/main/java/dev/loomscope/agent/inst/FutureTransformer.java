package dev.loomscope.agent.inst;

import static dev.loomscope.agent.inst.FutureTargets.CF;
import static dev.loomscope.agent.inst.FutureTargets.CF_DESC;
import static dev.loomscope.agent.inst.FutureTargets.MINIMAL;

import dev.loomscope.agent.boot.FutureHooks;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Adds the future hooks to CompletableFuture and its nested classes (see {@link FutureTargets}).
 * Only method bodies change. What is injected, with d = the future a method creates or completes:
 *
 * <pre>
 * CompletableFuture()                       before RETURN: FutureHooks.constructed(this)          ("new")
 * new CompletableFuture() inside CF/MinimalStage code -> new CompletableFuture((Object) null)
 *     (same state; the internal constructor is not hooked, so only user code's "new" is reported)
 * stage methods, after d = newIncompleteFuture():  FutureHooks.created(d, d.result, this, o, e, fn, kind)
 * uniXNow, after newIncompleteFuture():            FutureHooks.nowCreated(d, this, e, fn, kind)
 * orXStage, around z.uniXNow(..):                  FutureHooks.orNow(this, o, kind) / orNowDone()
 * factories, after the constructor call:           created(..) / anyOfCreated(d, d.result, cfs) /
 *                                                  andTreeNode(d, cfs, lo, hi)
 * completeValue/completeNull/completeThrowable(x[, r])/completeRelay/internalComplete, before IRETURN:
 *                                                  FutureHooks.completed(returned, this, this.result)
 * every "f.result = r" (PUTFIELD) in CF:           FutureHooks.resultSet(f, r)
 * join/get/get(J,TimeUnit)/getNow/resultNow/exceptionNow/isCompletedExceptionally/state, entry:
 *                                                  FutureHooks.observed(this, how)
 * each call of the user function (Function.apply, Supplier.get, Runnable.run, ...):
 *     token = FutureHooks.contBegin(d); call; FutureHooks.contEnd(token); token = null
 *     and at the start of each catch handler of that method: FutureHooks.contEnd(token); token = null
 * thenCompose/exceptionallyCompose, after g = f.apply(..).toCompletableFuture():
 *                                                  FutureHooks.inner(g, d, "composeInner")
 * </pre>
 * The continuation token is a new local (see {@link TokenLocal}); everything else is straight-line
 * code on the operand stack.
 */
final class FutureTransformer implements ClassFileTransformer {
    private static final String HOOKS = FutureHooks.class.getName().replace('.', '/');
    private static final String O = "Ljava/lang/Object;";
    private static final int COMPOSE_INNER = FutureTargets.kind("composeInner");

    private final Map<String, String> results = new ConcurrentHashMap<>();
    /** Hook points inserted in the last successful transformation of each class. */
    private final Map<String, Integer> points = new ConcurrentHashMap<>();

    String result(String internalName) {
        return results.get(internalName);
    }

    int points() {
        int n = 0;
        for (int p : points.values()) {
            n += p;
        }
        return n;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className,
                            Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null || className == null || !FutureTargets.CLASSES.contains(className)) {
            return null;
        }
        try {
            Map<String, Integer> maxLocals = TokenLocal.maxLocals(bytes);
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            Instrumenter instrumenter = new Instrumenter(writer, className, maxLocals);
            reader.accept(instrumenter, ClassReader.EXPAND_FRAMES);
            int n = instrumenter.verify();
            byte[] out = writer.toByteArray();
            points.put(className, n);
            results.put(className, "ok");
            return out;
        } catch (Throwable t) {
            results.put(className, t instanceof IllegalStateException && t.getMessage() != null
                    ? t.getMessage() : "transform of " + className + " failed: " + t);
            return null;
        }
    }

    private static final class Instrumenter extends ClassVisitor {
        private final String owner;
        private final Map<String, Integer> maxLocals;
        private final Map<String, Integer> counts = new HashMap<>();
        private final Set<String> seen = new HashSet<>();
        private int rewrites;
        private int resultWrites;

        Instrumenter(ClassVisitor next, String owner, Map<String, Integer> maxLocals) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.maxLocals = maxLocals;
        }

        private void count(FutureTargets.Plan plan, String what) {
            counts.merge(plan.key() + " " + what, 1, Integer::sum);
        }

        private int got(FutureTargets.Plan plan, String what) {
            return counts.getOrDefault(plan.key() + " " + what, 0);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            if ((access & Opcodes.ACC_ABSTRACT) != 0 || (access & Opcodes.ACC_NATIVE) != 0) {
                return mv;
            }
            FutureTargets.Plan plan = FutureTargets.PLANS.get(owner + "." + name + descriptor);
            if (plan != null) {
                seen.add(plan.key());
            }
            boolean rewrite = FutureTargets.INTERNAL_NEW.containsKey(owner);
            boolean results = owner.equals(CF);
            if (plan == null && !rewrite && !results) {
                return mv;
            }
            int token = -1;
            if (plan != null && plan.continuation != null) {
                Integer max = maxLocals.get(name + descriptor);
                if (max == null) {
                    throw new IllegalStateException("no code for " + plan.label());
                }
                token = max;
            }
            return new Hooker(mv, plan, token, name.equals("<init>"), rewrite, results);
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

        private final class Hooker extends TokenLocal.Visitor {
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

            Hooker(MethodVisitor next, FutureTargets.Plan plan, int token, boolean constructor,
                   boolean rewrite, boolean results) {
                super(next, token);
                this.plan = plan;
                this.constructor = constructor;
                this.rewrite = rewrite;
                this.results = results;
            }

            // ------------------------------------------------------------ emit helpers

            private void hook(String name, String descriptor) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
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

            private void endContinuation() {
                load(token);
                hook("contEnd", "(" + O + ")V");
                nul();
                super.visitVarInsn(Opcodes.ASTORE, token);
            }

            /** Stack [d] -> [d]: report the creation of d. */
            private void creationSite() {
                count(plan, "creation");
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
                    count(plan, "observer");
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
                    count(plan, "completer");
                }
                if (plan != null && plan.constructorNew && opcode == Opcodes.RETURN) {
                    load(0);
                    hook("constructed", "(" + O + ")V");
                    count(plan, "constructorNew");
                }
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
                    resultWrites++;
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
                    rewrites++;
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
                    count(plan, "orNow");
                    return;
                }
                if (plan != null && plan.continuation != null && opcode == Opcodes.INVOKEINTERFACE
                        && isUserFunction(callee, name)) {
                    loadDependent(plan.continuation);
                    hook("contBegin", "(" + O + ")" + O);
                    super.visitVarInsn(Opcodes.ASTORE, token);
                    super.visitMethodInsn(opcode, callee, name, descriptor, itf);
                    endContinuation();
                    count(plan, "continuation");
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
                    count(plan, "inner");
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
    }
}
