package dev.loomscope.agent.inst;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AnalyzerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * One method of the program, read whole and written out with each call {@link Sites} picks
 * bracketed, whether the call returns or throws:
 *
 * <pre>
 *     ldc site; invokestatic hooks.at(I)V
 *   start:
 *     the call
 *   end:
 *     invokestatic hooks.done()V; goto resume
 *   handler:                                  [catches anything thrown in start..end]
 *     invokestatic hooks.done()V; athrow
 *   resume:
 * </pre>
 *
 * The handler is first in the method's exception table, so it runs before any handler of the
 * program's, and it lies where the call lies, inside the program's own try blocks, so what it
 * rethrows goes where the call's exception went. Its stack map frame and resume's are the frame at
 * the call, which {@link AnalyzerAdapter} follows from the method's own frames (the class file's
 * frames expanded): no class hierarchy is needed and nothing is loaded. A call where {@code this}
 * is not initialized yet (an argument of {@code super(...)}), in unreachable code or in a class
 * file without frames is left as it is.
 */
final class BracketedMethod extends MethodNode {
    /** Which calls to bracket: the site to push and the hooks class, or null. */
    interface Sites {
        Site siteOf(int opcode, String owner, String name, String descriptor, String method, int line);
    }

    /** A call to bracket: its site's id and the internal name of the class with its at/done. */
    record Site(int id, String hooks) {
    }

    private record Call(MethodInsnNode insn, Site site, Object[] locals, Object[] stackAfter) {
    }

    private final MethodVisitor target;
    private final Sites sites;
    private final List<Call> calls = new ArrayList<>();
    private AnalyzerAdapter analyzer;
    private int line = -1;

    private BracketedMethod(int access, String name, String descriptor, String signature, String[] exceptions,
                            MethodVisitor target, Sites sites) {
        super(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
        this.target = target;
        this.sites = sites;
    }

    /** The visitor to read the method into; it writes the result to {@code target} at its end. */
    static MethodVisitor reading(String owner, int access, String name, String descriptor, String signature,
                                 String[] exceptions, MethodVisitor target, Sites sites) {
        BracketedMethod method = new BracketedMethod(access, name, descriptor, signature, exceptions, target, sites);
        method.analyzer = new AnalyzerAdapter(owner, access, name, descriptor, method);
        return method.analyzer;
    }

    /** How many calls were bracketed. */
    int bracketed() {
        return calls.size();
    }

    @Override
    public void visitLineNumber(int number, Label start) {
        line = number;
        super.visitLineNumber(number, start);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String method, String descriptor, boolean isInterface) {
        // The analyzer passes each instruction on before executing it: its state is the call's.
        List<Object> locals = analyzer.locals;
        List<Object> stack = analyzer.stack;
        Site site = locals == null || uninitialized(locals) ? null
                : sites.siteOf(opcode, owner, method, descriptor, name, line);
        super.visitMethodInsn(opcode, owner, method, descriptor, isInterface);
        if (site != null) {
            calls.add(new Call((MethodInsnNode) instructions.getLast(), site, frame(locals),
                    frame(stackAfter(stack, opcode, owner, method, descriptor))));
        }
    }

    @Override
    public void visitEnd() {
        for (Call call : calls) {
            bracket(call);
        }
        accept(target);
    }

    private void bracket(Call call) {
        boolean framed = frameFollows(call.insn);
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        LabelNode resume = new LabelNode();
        String hooks = call.site.hooks();

        InsnList before = new InsnList();
        before.add(new LdcInsnNode(call.site.id()));
        before.add(new MethodInsnNode(Opcodes.INVOKESTATIC, hooks, "at", "(I)V", false));
        before.add(start);
        instructions.insertBefore(call.insn, before);

        InsnList after = new InsnList();
        after.add(end);
        after.add(new MethodInsnNode(Opcodes.INVOKESTATIC, hooks, "done", "()V", false));
        after.add(new JumpInsnNode(Opcodes.GOTO, resume));
        after.add(handler);
        after.add(new FrameNode(Opcodes.F_NEW, call.locals.length, call.locals, 1, new Object[] {"java/lang/Throwable"}));
        after.add(new MethodInsnNode(Opcodes.INVOKESTATIC, hooks, "done", "()V", false));
        after.add(new InsnNode(Opcodes.ATHROW));
        after.add(resume);
        if (!framed) {                         // a frame there already says the same (two at one offset are invalid)
            after.add(new FrameNode(Opcodes.F_NEW, call.locals.length, call.locals,
                    call.stackAfter.length, call.stackAfter));
        }
        instructions.insert(call.insn, after);
        tryCatchBlocks.add(0, new TryCatchBlockNode(start, end, handler, null));
    }

    /** Whether a local is an object not initialized yet: no handler is put where one is. */
    private static boolean uninitialized(List<Object> locals) {
        for (Object type : locals) {
            if (type instanceof Label || Opcodes.UNINITIALIZED_THIS.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the instruction after {@code insn} has a stack map frame of its own. */
    private static boolean frameFollows(AbstractInsnNode insn) {
        for (AbstractInsnNode n = insn.getNext(); n != null; n = n.getNext()) {
            if (n instanceof FrameNode) {
                return true;
            }
            if (!(n instanceof LabelNode) && !(n instanceof LineNumberNode)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The analyzer's operand stack once the call returned: its arguments popped, its result pushed;
     * after a constructor, the copies of the object it initialized (a {@code new}'s {@code dup}) are
     * of its class.
     */
    private static List<Object> stackAfter(List<Object> stack, int opcode, String owner, String method,
                                           String descriptor) {
        List<Object> after = new ArrayList<>(stack);
        int popped = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - (opcode == Opcodes.INVOKESTATIC ? 1 : 0);
        Object receiver = opcode == Opcodes.INVOKESTATIC ? null : after.get(after.size() - popped);
        after.subList(after.size() - popped, after.size()).clear();
        if (method.equals("<init>")) {
            after.replaceAll(type -> type == receiver ? owner : type);
        }
        Type result = Type.getReturnType(descriptor);
        switch (result.getSort()) {
            case Type.VOID -> { }
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> after.add(Opcodes.INTEGER);
            case Type.FLOAT -> after.add(Opcodes.FLOAT);
            case Type.LONG -> after.addAll(List.of(Opcodes.LONG, Opcodes.TOP));
            case Type.DOUBLE -> after.addAll(List.of(Opcodes.DOUBLE, Opcodes.TOP));
            case Type.ARRAY -> after.add(result.getDescriptor());
            default -> after.add(result.getInternalName());
        }
        return after;
    }

    /**
     * The analyzer's types as a frame's: a long or a double is one element there (the analyzer
     * follows it with a TOP), an uninitialized object the node of its {@code new}'s label.
     */
    private Object[] frame(List<Object> types) {
        List<Object> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            Object type = types.get(i);
            out.add(type instanceof Label label ? getLabelNode(label) : type);
            if (Opcodes.LONG.equals(type) || Opcodes.DOUBLE.equals(type)) {
                i++;
            }
        }
        return out.toArray();
    }
}
