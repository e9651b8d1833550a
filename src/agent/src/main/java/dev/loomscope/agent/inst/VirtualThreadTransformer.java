package dev.loomscope.agent.inst;

import dev.loomscope.agent.boot.Hooks;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Adds calls to {@link Hooks} into {@code java.lang.VirtualThread}. Only method bodies
 * change (straight-line calls, no new locals, fields or branches) so the same bytes work
 * at class load and in retransformation (dynamic attach).
 *
 * <pre>
 * mount()V                          entry          Hooks.mount(this)
 * unmount()V                        before RETURN  Hooks.unmount(this, this.state)
 * park()V                           entry          Hooks.park(this, this.carrierThread, this.parkPermit)
 * parkNanos(J)V                     entry          Hooks.parkNanos(this, this.carrierThread, this.parkPermit, nanos)
 * submitRunContinuation(Executor,Z) entry          Hooks.submit(this)
 * lazySubmitRunContinuation()V,
 * externalSubmitRunContinuation(FJP)V,
 * externalSubmitRunContinuationOrThrow()V
 *                 before each ForkJoinPool.lazySubmit/externalSubmit call: Hooks.submit(this)
 * </pre>
 * Their fallback paths call submitRunContinuation(Executor,Z), which reports itself, so a
 * submission is reported once (twice only if ForkJoinPool throws OutOfMemoryError).
 */
final class VirtualThreadTransformer implements ClassFileTransformer {
    private static final String TARGET = "java/lang/VirtualThread";
    private static final String HOOKS = Hooks.class.getName().replace('.', '/');
    private static final String POOL = "java/util/concurrent/ForkJoinPool";

    private static final Map<String, String> REASONS = Map.of(
            "RUNNING", "end",               // still RUNNING at unmount only when the task is done
            "PARKING", "park",
            "TIMED_PARKING", "timed-park",
            "YIELDING", "yield",
            "BLOCKING", "block",
            "WAITING", "wait",
            "TIMED_WAITING", "wait");

    private final long failAfter;
    private volatile boolean applied;
    private volatile String error = "VirtualThread was not transformed";

    VirtualThreadTransformer(long failAfter) {
        this.failAfter = failAfter;
    }

    boolean applied() {
        return applied;
    }

    String error() {
        return error;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className,
                            Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null || !TARGET.equals(className)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            Instrumenter instrumenter = new Instrumenter(writer);
            reader.accept(instrumenter, 0);
            instrumenter.verify();
            byte[] result = writer.toByteArray();
            Hooks.configure(instrumenter.reasonTable(), instrumenter.constant("SUSPENDED", 0), failAfter);
            applied = true;
            return result;
        } catch (Throwable t) {
            error = t.getMessage() != null && t instanceof IllegalStateException
                    ? t.getMessage() : "transform failed: " + t;
            return null;
        }
    }

    /** Rewrites the hooked methods and collects the int constants (thread states). */
    private static final class Instrumenter extends ClassVisitor {
        private final Map<String, Integer> constants = new HashMap<>();
        private final Map<JdkInternals.Member, Integer> insertions = new HashMap<>();

        Instrumenter(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if ((access & Opcodes.ACC_STATIC) != 0 && value instanceof Integer i) {
                constants.put(name, i);
            }
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor,
                                         String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            JdkInternals.Member member = find(name, descriptor);
            return member == null ? mv : new HookInserter(mv, member);
        }

        private static JdkInternals.Member find(String name, String descriptor) {
            for (JdkInternals.Member m : JdkInternals.METHODS) {
                if (m.name().equals(name) && m.descriptor().equals(descriptor)) {
                    return m;
                }
            }
            return null;
        }

        void verify() {
            for (JdkInternals.Member m : JdkInternals.METHODS) {
                int n = insertions.getOrDefault(m, 0);
                boolean entryHook = m != JdkInternals.UNMOUNT && m != JdkInternals.LAZY_SUBMIT
                        && m != JdkInternals.EXTERNAL_SUBMIT && m != JdkInternals.EXTERNAL_SUBMIT_OR_THROW;
                if (entryHook ? n != 1 : n < 1) {
                    throw new IllegalStateException("unknown JDK internals: no hook point in VirtualThread."
                            + m.name() + m.descriptor());
                }
            }
        }

        int constant(String name, int fallback) {
            return constants.getOrDefault(name, fallback);
        }

        /**
         * Unmount reason by state value. Other states become "other:<value>": reasons stay
         * at most 16 chars, so JFR never pools them (the pool takes a monitor).
         */
        String[] reasonTable() {
            int max = 0;
            for (String name : REASONS.keySet()) {
                max = Math.max(max, constant(name, 0));
            }
            String[] table = new String[max + 1];
            for (int v = 0; v <= max; v++) {
                table[v] = "other:" + v;
            }
            for (Map.Entry<String, String> r : REASONS.entrySet()) {
                Integer v = constants.get(r.getKey());
                if (v != null && v >= 0) {
                    table[v] = r.getValue();
                }
            }
            return table;
        }

        private final class HookInserter extends MethodVisitor {
            private final JdkInternals.Member member;
            /** Start of an entry hook; gets the method's first line number so stacks show a line. */
            private Label entry;

            HookInserter(MethodVisitor next, JdkInternals.Member member) {
                super(Opcodes.ASM9, next);
                this.member = member;
            }

            private void inserted() {
                insertions.merge(member, 1, Integer::sum);
            }

            @Override
            public void visitLineNumber(int line, Label start) {
                if (entry != null) {
                    super.visitLineNumber(line, entry);
                    entry = null;
                }
                super.visitLineNumber(line, start);
            }

            @Override
            public void visitCode() {
                super.visitCode();
                entry = new Label();
                super.visitLabel(entry);
                if (member == JdkInternals.MOUNT) {
                    loadThis();
                    callHook("mount", "(Ljava/lang/Thread;)V");
                } else if (member == JdkInternals.PARK) {
                    loadThis();
                    loadField("carrierThread", "Ljava/lang/Thread;");
                    loadField("parkPermit", "Z");
                    callHook("park", "(Ljava/lang/Thread;Ljava/lang/Thread;Z)V");
                } else if (member == JdkInternals.PARK_NANOS) {
                    loadThis();
                    loadField("carrierThread", "Ljava/lang/Thread;");
                    loadField("parkPermit", "Z");
                    super.visitVarInsn(Opcodes.LLOAD, 1);
                    callHook("parkNanos", "(Ljava/lang/Thread;Ljava/lang/Thread;ZJ)V");
                } else if (member == JdkInternals.SUBMIT) {
                    loadThis();
                    callHook("submit", "(Ljava/lang/Thread;)V");
                } else {
                    entry = null;
                    return;
                }
                inserted();
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.RETURN && member == JdkInternals.UNMOUNT) {
                    // Carrier identity is restored here: Thread.currentThread() == carrier.
                    loadThis();
                    loadField("state", "I");
                    callHook("unmount", "(Ljava/lang/Thread;I)V");
                    inserted();
                }
                super.visitInsn(opcode);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
                boolean poolSubmit = opcode == Opcodes.INVOKEVIRTUAL && POOL.equals(owner)
                        && (name.equals("lazySubmit") || name.equals("externalSubmit"));
                if (poolSubmit && (member == JdkInternals.LAZY_SUBMIT || member == JdkInternals.EXTERNAL_SUBMIT
                        || member == JdkInternals.EXTERNAL_SUBMIT_OR_THROW)) {
                    loadThis();
                    callHook("submit", "(Ljava/lang/Thread;)V");
                    inserted();
                }
                super.visitMethodInsn(opcode, owner, name, descriptor, itf);
            }

            private void loadThis() {
                super.visitVarInsn(Opcodes.ALOAD, 0);
            }

            private void loadField(String name, String descriptor) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitFieldInsn(Opcodes.GETFIELD, TARGET, name, descriptor);
            }

            private void callHook(String name, String descriptor) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
            }
        }
    }
}
