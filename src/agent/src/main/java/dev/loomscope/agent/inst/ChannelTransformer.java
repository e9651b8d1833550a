package dev.loomscope.agent.inst;

import dev.loomscope.agent.boot.ChannelHooks;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
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
 * Adds the channel hooks to the queue classes of {@link ChannelTargets}. Only method bodies change.
 *
 * <pre>
 * every constructor           before each RETURN   ChannelHooks.created(this, capacity)
 * every hooked queue method   entry                token = ChannelHooks.enter(this, capacity, code)
 *                             before IRETURN       ChannelHooks.exit(result, token, size)
 *                             before ARETURN       ChannelHooks.exitElement(result, token, size)
 *                             before RETURN        ChannelHooks.exit(true, token, size)
 *                             catch-any handler    ChannelHooks.exit(false, token, size); athrow
 * </pre>
 * The handler covers the whole original body and is the last exception-table entry, so it only sees
 * exceptions that leave the method. Its frame declares only {@code this} and the token.
 */
final class ChannelTransformer implements ClassFileTransformer {
    private static final String HOOKS = ChannelHooks.class.getName().replace('.', '/');

    private final Map<String, String> results = new ConcurrentHashMap<>();   // class -> "ok" or error

    /** "ok" or the error of the last transformation of this class; null if never transformed. */
    String result(String className) {
        return results.get(className.replace('.', '/'));
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className,
                            Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null || className == null) {
            return null;
        }
        ChannelTargets.Queue queue = ChannelTargets.byInternalName(className);
        if (queue == null) {
            return null;
        }
        try {
            Map<String, Integer> maxLocals = TokenLocal.maxLocals(bytes);
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            Instrumenter instrumenter = new Instrumenter(writer, queue, maxLocals);
            reader.accept(instrumenter, ClassReader.EXPAND_FRAMES);
            instrumenter.verify();
            byte[] out = writer.toByteArray();
            results.put(className, "ok");
            return out;
        } catch (Throwable t) {
            results.put(className, t instanceof IllegalStateException && t.getMessage() != null
                    ? t.getMessage() : "transform of " + className + " failed: " + t);
            return null;
        }
    }

    private static final class Instrumenter extends ClassVisitor {
        private final ChannelTargets.Queue queue;
        private final String owner;
        private final Map<String, Integer> maxLocals;
        private final Set<String> done = new HashSet<>();
        private final Set<String> wrappersDelegating = new HashSet<>();
        private int constructors;

        Instrumenter(ClassVisitor next, ChannelTargets.Queue queue, Map<String, Integer> maxLocals) {
            super(Opcodes.ASM9, next);
            this.queue = queue;
            this.owner = queue.internalName();
            this.maxLocals = maxLocals;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (name.equals("<init>")) {
                constructors++;
                return new ConstructorHook(mv);
            }
            ChannelTargets.Op op = queue.find(name, descriptor);
            if (op == null || (access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT)) != 0) {
                return mv;
            }
            Integer max = maxLocals.get(name + descriptor);
            if (max == null) {
                throw new IllegalStateException("no code for " + name + descriptor);
            }
            return new OpHook(mv, op, max);
        }

        void verify() {
            for (ChannelTargets.Op op : queue.ops()) {
                if (!done.contains(op.key())) {
                    throw new IllegalStateException("unknown JDK internals: no hook point in "
                            + queue.simpleName() + "." + op.key());
                }
                if ((op.code() & ChannelHooks.WRAPPER) != 0 && !wrappersDelegating.contains(op.key())) {
                    throw new IllegalStateException("unknown JDK internals: " + queue.simpleName() + "."
                            + op.key() + " no longer delegates to another queue method");
                }
            }
            if (constructors == 0) {
                throw new IllegalStateException("unknown JDK internals: no constructor in " + queue.simpleName());
            }
        }

        /** Before each RETURN of a constructor: ChannelHooks.created(this, capacity). */
        private final class ConstructorHook extends MethodVisitor {
            ConstructorHook(MethodVisitor next) {
                super(Opcodes.ASM9, next);
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.RETURN) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    queue.capacity().emit(mv, owner);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "created", "(Ljava/lang/Object;I)V", false);
                }
                super.visitInsn(opcode);
            }
        }

        /** Wraps one queue method: entry hook, exit hooks, catch-any handler. */
        private final class OpHook extends TokenLocal.Visitor {
            private final ChannelTargets.Op op;
            private final Label start = new Label();

            OpHook(MethodVisitor next, ChannelTargets.Op op, int token) {
                super(next, token);
                this.op = op;
            }

            @Override
            public void visitCode() {
                super.visitCode();                     // token = null
                super.visitVarInsn(Opcodes.ALOAD, 0);
                queue.capacity().emit(mv, owner);
                super.visitLdcInsn(op.code());
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "enter", "(Ljava/lang/Object;II)Ljava/lang/Object;", false);
                super.visitVarInsn(Opcodes.ASTORE, token);
                super.visitLabel(start);
            }

            @Override
            public void visitMethodInsn(int opcode, String calleeOwner, String name, String descriptor, boolean itf) {
                boolean self = name.equals(op.name()) && descriptor.equals(op.descriptor()) && calleeOwner.equals(owner);
                if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKESPECIAL)
                        && ChannelHooks.OPS.contains(name) && !self) {
                    wrappersDelegating.add(op.key());  // e.g. put -> putLast, add -> super.add -> offer
                }
                super.visitMethodInsn(opcode, calleeOwner, name, descriptor, itf);
            }

            @Override
            public void visitInsn(int opcode) {
                switch (opcode) {
                    case Opcodes.IRETURN -> {
                        super.visitInsn(Opcodes.DUP);
                        exitCall("exit", "(ZLjava/lang/Object;I)V");
                    }
                    case Opcodes.ARETURN -> {
                        super.visitInsn(Opcodes.DUP);
                        exitCall("exitElement", "(Ljava/lang/Object;Ljava/lang/Object;I)V");
                    }
                    case Opcodes.RETURN -> {
                        super.visitInsn(Opcodes.ICONST_1);
                        exitCall("exit", "(ZLjava/lang/Object;I)V");
                    }
                    default -> { }
                }
                super.visitInsn(opcode);
            }

            private void exitCall(String name, String descriptor) {
                super.visitVarInsn(Opcodes.ALOAD, token);
                queue.size().emit(mv, owner);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                Label end = new Label();
                Label handler = new Label();
                super.visitLabel(end);
                super.visitLabel(handler);
                Object[] locals = handlerLocals(owner);
                mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
                super.visitInsn(Opcodes.ICONST_0);
                exitCall("exit", "(ZLjava/lang/Object;I)V");
                super.visitInsn(Opcodes.ATHROW);
                super.visitTryCatchBlock(start, end, handler, null);
                done.add(op.key());
                super.visitMaxs(maxStack, maxLocals);
            }
        }
    }
}
