package dev.loomscope.agent.inst;

import dev.loomscope.agent.boot.FutureHooks;
import dev.loomscope.agent.boot.FutureSites;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Brackets each call in the program's code that creates a CompletableFuture (a stage method, a
 * static factory, {@code new CompletableFuture()}; on CompletableFuture or CompletionStage) with
 * {@code FutureSites.at(site)} before it and {@code FutureSites.done()} after, the site registered
 * with its class, method and line as the class loads. Only classes of unnamed modules loaded by a
 * class loader that links the hooks (the program and its libraries) whose constant pool names
 * either type are read; a class the transformer cannot rewrite is left as it was (its futures take
 * a stack).
 *
 * <p>The inserted code leaves the operand stack as it found it and adds no branch target, so the
 * class's stack map frames stay valid as they are: no class hierarchy is needed, nothing is loaded.
 * Classes loaded before the agent (an attach) are not rewritten.
 */
final class CallSiteTransformer implements ClassFileTransformer {
    private static final String FUTURE = "java/util/concurrent/CompletableFuture";
    private static final String STAGE = "java/util/concurrent/CompletionStage";
    private static final byte[] FUTURE_BYTES = FUTURE.getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] STAGE_BYTES = STAGE.getBytes(StandardCharsets.ISO_8859_1);
    private static final String SITES = FutureSites.class.getName().replace('.', '/');
    private static final String AGENT_PACKAGE = "dev/loomscope/agent/";

    /** Methods of either type that create the future they return (FutureHooks.KINDS, with their Async forms). */
    private static final Set<String> CREATING = creatingMethods();

    /** Whether each class loader seen links the hooks (weakly held: loaders come and go). */
    private final Map<ClassLoader, Boolean> loaders = new WeakHashMap<>();

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className,
                            Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader == null || className == null || redefined != null || module == null || module.isNamed()
                || className.startsWith(AGENT_PACKAGE)
                || indexOf(bytes, FUTURE_BYTES) < 0 && indexOf(bytes, STAGE_BYTES) < 0
                || !seesTheHooks(loader)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            Bracketer bracketer = new Bracketer(writer, className.replace('/', '.'));
            reader.accept(bracketer, 0);
            if (bracketer.found == 0) {
                return null;
            }
            return writer.toByteArray();
        } catch (Throwable t) {
            return null;                            // too large a method, a class ASM cannot read: left alone
        }
    }

    /**
     * Whether code that {@code loader} defines links {@code FutureSites} to the boot loader's class:
     * a loader that does not delegate to it (an OSGi framework delegates only {@code java.*}) would
     * make the rewritten call throw NoClassDefFoundError in the host. Asked once per loader.
     */
    private boolean seesTheHooks(ClassLoader loader) {
        synchronized (loaders) {
            Boolean known = loaders.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean sees;
        try {
            sees = Class.forName(FutureSites.class.getName(), false, loader) == FutureSites.class;
        } catch (Throwable t) {
            sees = false;
        }
        synchronized (loaders) {
            loaders.put(loader, sees);
        }
        return sees;
    }

    /** The kind of future the call creates ({@link FutureHooks#KINDS}, "+Async"), or null: not such a call. */
    static String kind(int opcode, String owner, String name, String descriptor) {
        if (owner.equals(FUTURE)) {
            if (opcode == Opcodes.INVOKESPECIAL) {
                return name.equals("<init>") && descriptor.equals("()V") ? "new" : null;
            }
            return CREATING.contains(name) ? name : null;
        }
        if (owner.equals(STAGE) && opcode == Opcodes.INVOKEINTERFACE) {
            return CREATING.contains(name) ? name : null;
        }
        return null;
    }

    private static Set<String> creatingMethods() {
        Set<String> names = new HashSet<>();
        for (int i = 1; i < FutureHooks.KINDS.size(); i++) {
            String kind = FutureHooks.KINDS.get(i);
            if (!kind.equals("composeInner") && !kind.equals("toCompletableFuture")) {
                names.add(kind);                    // toCompletableFuture returns the future itself
                names.add(kind + "Async");          // only the stage methods have these; others never match
            }
        }
        return Set.copyOf(names);
    }

    private static int indexOf(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0, last = bytes.length - what.length; i <= last; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static final class Bracketer extends ClassVisitor {
        private final String className;
        int found;

        Bracketer(ClassVisitor next, String className) {
            super(Opcodes.ASM9, next);
            this.className = className;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            return mv == null ? null : new MethodVisitor(Opcodes.ASM9, mv) {
                private int line = -1;

                @Override
                public void visitLineNumber(int number, Label start) {
                    line = number;
                    super.visitLineNumber(number, start);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                    String kind = kind(opcode, owner, method, desc);
                    if (kind == null) {
                        super.visitMethodInsn(opcode, owner, method, desc, itf);
                        return;
                    }
                    super.visitLdcInsn(FutureSites.register(className, name, line, kind));
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, SITES, "at", "(I)V", false);
                    super.visitMethodInsn(opcode, owner, method, desc, itf);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, SITES, "done", "()V", false);
                    found++;
                }
            };
        }
    }
}
