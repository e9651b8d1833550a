package dev.loomscope.agent.inst;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Support for hooks that keep a value (a begun JFR event: the "token") in a local variable of the
 * instrumented method, the same way in a class being loaded and in a retransformation (only the
 * method body changes: a new local, new instructions, a new exception-table entry).
 *
 * <p>The token lives in a new slot L = the method's original max_locals. It is set to null at the
 * very start of the method and only ever holds an Object, so every stack map frame of the method can
 * declare it: {@link Visitor#visitFrame} pads each (expanded) frame with TOP up to L and appends
 * {@code java/lang/Object}. The class must be read with {@link ClassReader#EXPAND_FRAMES}; the
 * writer uses COMPUTE_MAXS only (no COMPUTE_FRAMES: that would load classes inside the transformer).
 */
final class TokenLocal {
    private TokenLocal() {}

    /** max_locals of every method, by name + descriptor (first pass over the class). */
    static Map<String, Integer> maxLocals(byte[] bytes) {
        Map<String, Integer> out = new HashMap<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        out.put(name + descriptor, maxLocals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
    }

    /** Method visitor that owns a token local (or none, if {@code token < 0}). */
    abstract static class Visitor extends MethodVisitor {
        /** Slot of the token, -1 if this method has none. */
        protected final int token;
        /** Start of the original code: injected entry code gets its first line number. */
        private Label entry;

        Visitor(MethodVisitor next, int token) {
            super(Opcodes.ASM9, next);
            this.token = token;
        }

        /** Emits {@code token = null} at the start; subclasses add their entry code after calling this. */
        @Override
        public void visitCode() {
            super.visitCode();
            entry = new Label();
            super.visitLabel(entry);
            if (token >= 0) {
                super.visitInsn(Opcodes.ACONST_NULL);
                super.visitVarInsn(Opcodes.ASTORE, token);
            }
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            if (entry != null) {
                super.visitLineNumber(line, entry);    // stacks through entry hooks show a line
                entry = null;
            }
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            if (token < 0) {
                super.visitFrame(type, numLocal, local, numStack, stack);
                return;
            }
            if (type != Opcodes.F_NEW) {
                throw new IllegalStateException("stack map frames not expanded");
            }
            Object[] padded = pad(numLocal, local, token);
            super.visitFrame(Opcodes.F_NEW, padded.length, padded, numStack, stack);
        }

        /** The frame locals {@code [first, TOP, ..., TOP, Object at slot token]}. */
        protected Object[] handlerLocals(Object first) {
            return pad(1, new Object[] {first}, token);
        }
    }

    static Object[] pad(int numLocal, Object[] local, int token) {
        List<Object> out = new ArrayList<>(token + 2);
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            Object t = local[i];
            out.add(t);
            slots += Opcodes.LONG.equals(t) || Opcodes.DOUBLE.equals(t) ? 2 : 1;
        }
        if (slots > token) {
            throw new IllegalStateException("frame has more locals than max_locals");
        }
        while (slots < token) {
            out.add(Opcodes.TOP);
            slots++;
        }
        out.add("java/lang/Object");
        return out.toArray();
    }
}
