package dev.loomscope.agent.inst;

import dev.loomscope.agent.boot.FutureHooks;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Adds a future's id and flags to {@code CompletableFuture} as the class first loads
 * ({@link FutureHooks#ID_FIELD}, {@link FutureHooks#FLAGS_FIELD}): the hooks then read a field
 * where they would look the future up in a weak map. A field can be added only while the class is
 * defined, not when it is retransformed, so this works only when the agent loads the class itself
 * (it started with the JVM); registered not retransformable, so that its bytes are the base every
 * later retransformation (the future hooks', JFR's method tracing) starts from.
 */
final class FutureFields implements ClassFileTransformer {
    private static final String FUTURE = "java/util/concurrent/CompletableFuture";
    private static final int ACCESS = Opcodes.ACC_PRIVATE | Opcodes.ACC_VOLATILE | Opcodes.ACC_TRANSIENT
            | Opcodes.ACC_SYNTHETIC;

    private volatile boolean added;

    /** Whether the fields went into the class. */
    boolean added() {
        return added;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className,
                            Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null || redefined != null || !FUTURE.equals(className)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visitEnd() {
                    visitField(ACCESS, FutureHooks.ID_FIELD, "J", null, null).visitEnd();
                    visitField(ACCESS, FutureHooks.FLAGS_FIELD, "I", null, null).visitEnd();
                    super.visitEnd();
                }
            }, 0);
            byte[] out = writer.toByteArray();
            added = true;
            return out;
        } catch (Throwable t) {
            return null;                               // the hooks fall back to the weak map
        }
    }
}
