package dev.loomscope.agent.inst;

import static dev.loomscope.agent.inst.FutureTargets.CF;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
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
 * join/get/get(J,TimeUnit)/getNow/resultNow/exceptionNow (reading the outcome; status queries are not hooked), entry:
 *                                                  FutureHooks.observed(this, how)
 * each call of the user function (Function.apply, Supplier.get, Runnable.run, ...):
 *     token = FutureContinuations.contBegin(d); call; FutureContinuations.contEnd(token)
 *     and at the start of each catch handler of that method: FutureContinuations.contEnd(token),
 *     and before each return and throw of that method: FutureContinuations.contDone(token)
 * thenCompose/exceptionallyCompose, after g = f.apply(..).toCompletableFuture():
 *                                                  FutureHooks.inner(g, d, "composeInner")
 * </pre>
 * The continuation token is a new local (see {@link TokenLocal}); everything else is straight-line
 * code on the operand stack.
 */
final class FutureTransformer implements ClassFileTransformer {
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
        private final FutureHookCounts counts;

        Instrumenter(ClassVisitor next, String owner, Map<String, Integer> maxLocals) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.maxLocals = maxLocals;
            this.counts = new FutureHookCounts(owner);
        }

        int verify() {
            return counts.verify();
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
                counts.seen(plan);
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
            return new FutureMethodHooker(mv, counts, plan, token, name.equals("<init>"), rewrite, results);
        }
    }
}
