package dev.loomscope.agent.inst;

import static dev.loomscope.agent.boot.ChannelHooks.TARGET;
import static dev.loomscope.agent.boot.ChannelHooks.TIMED;
import static dev.loomscope.agent.boot.ChannelHooks.WRAPPER;

import dev.loomscope.agent.boot.ChannelHooks;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The blocking queues the agent instruments (JDK 25), their hooked methods and how the injected code
 * reads capacity and size. Checked by JdkInternals before anything is transformed.
 *
 * <p>Roles: a WRAPPER delegates to another hooked method of the same queue (LinkedBlockingDeque.put
 * calls putLast); a TARGET is called by a wrapper. Only the outermost call is reported.
 * Methods inherited from AbstractQueue (add/remove of ArrayBlockingQueue... where not declared) are
 * not hooked: they call offer/poll, which are reported under those names.
 */
final class ChannelTargets {
    private ChannelTargets() {}

    static final String OBJ = "Ljava/lang/Object;";
    static final String TIMEOUT = "JLjava/util/concurrent/TimeUnit;";

    /** A hooked queue method. */
    record Op(String name, String descriptor, int code) {
        String key() {
            return name + descriptor;
        }
    }

    /** How the injected code computes capacity/size: straight-line loads on {@code this}. */
    enum Expr {
        ITEMS_LENGTH, CAPACITY_FIELD, MAX, ZERO, COUNT_INT, COUNT_ATOMIC, SIZE_INT, MINUS_ONE;

        void emit(MethodVisitor mv, String owner) {
            switch (this) {
                case ITEMS_LENGTH -> {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitFieldInsn(Opcodes.GETFIELD, owner, "items", "[Ljava/lang/Object;");
                    mv.visitInsn(Opcodes.ARRAYLENGTH);
                }
                case CAPACITY_FIELD -> {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitFieldInsn(Opcodes.GETFIELD, owner, "capacity", "I");
                }
                case MAX -> mv.visitLdcInsn(Integer.MAX_VALUE);
                case ZERO -> mv.visitInsn(Opcodes.ICONST_0);
                case MINUS_ONE -> mv.visitInsn(Opcodes.ICONST_M1);
                case COUNT_INT -> {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitFieldInsn(Opcodes.GETFIELD, owner, "count", "I");
                }
                case COUNT_ATOMIC -> {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitFieldInsn(Opcodes.GETFIELD, owner, "count", "Ljava/util/concurrent/atomic/AtomicInteger;");
                    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/atomic/AtomicInteger", "get",
                            "()I", false);
                }
                case SIZE_INT -> {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitFieldInsn(Opcodes.GETFIELD, owner, "size", "I");
                }
                default -> throw new IllegalStateException(name());
            }
        }

        /** The field this expression reads (checked by JdkInternals), or null. */
        JdkInternals.Member field() {
            return switch (this) {
                case ITEMS_LENGTH -> new JdkInternals.Member("items", "[Ljava/lang/Object;", "items");
                case CAPACITY_FIELD -> new JdkInternals.Member("capacity", "I", "capacity");
                case COUNT_INT -> new JdkInternals.Member("count", "I", "count");
                case COUNT_ATOMIC -> new JdkInternals.Member("count", "Ljava/util/concurrent/atomic/AtomicInteger;", "count");
                case SIZE_INT -> new JdkInternals.Member("size", "I", "size");
                default -> null;
            };
        }
    }

    /** One queue class. */
    record Queue(String className, Expr capacity, Expr size, List<Op> ops) {
        String internalName() {
            return className.replace('.', '/');
        }

        String simpleName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }

        List<JdkInternals.Member> fields() {
            List<JdkInternals.Member> out = new ArrayList<>();
            for (Expr e : List.of(capacity, size)) {
                if (e.field() != null) {
                    out.add(e.field());
                }
            }
            return out;
        }

        List<JdkInternals.Member> methods() {
            List<JdkInternals.Member> out = new ArrayList<>();
            for (Op op : ops) {
                out.add(new JdkInternals.Member(op.name(), op.descriptor(), op.name()));
            }
            return out;
        }

        Op find(String name, String descriptor) {
            for (Op op : ops) {
                if (op.name().equals(name) && op.descriptor().equals(descriptor)) {
                    return op;
                }
            }
            return null;
        }
    }

    private static int code(String op, int flags) {
        int i = ChannelHooks.OPS.indexOf(op);
        if (i < 0) {
            throw new IllegalArgumentException(op);
        }
        return i | flags;
    }

    private static Op op(String name, String descriptor, int flags) {
        return new Op(name, descriptor, code(name, flags | (descriptor.contains(TIMEOUT) ? TIMED : 0)));
    }

    // Descriptors with erased E.
    private static final String PUT = "(" + OBJ + ")V";
    private static final String OFFER = "(" + OBJ + ")Z";
    private static final String OFFER_TIMED = "(" + OBJ + TIMEOUT + ")Z";
    private static final String TAKE = "()" + OBJ;
    private static final String POLL_TIMED = "(" + TIMEOUT + ")" + OBJ;

    static final List<Queue> QUEUES = List.of(
            new Queue("java.util.concurrent.ArrayBlockingQueue", Expr.ITEMS_LENGTH, Expr.COUNT_INT, List.of(
                    op("add", OFFER, WRAPPER),                 // super.add -> offer
                    op("offer", OFFER, TARGET),
                    op("put", PUT, 0),
                    op("offer", OFFER_TIMED, 0),
                    op("poll", TAKE, 0),
                    op("take", TAKE, 0),
                    op("poll", POLL_TIMED, 0))),
            new Queue("java.util.concurrent.LinkedBlockingQueue", Expr.CAPACITY_FIELD, Expr.COUNT_ATOMIC, List.of(
                    op("put", PUT, 0),
                    op("offer", OFFER_TIMED, 0),
                    op("offer", OFFER, 0),
                    op("take", TAKE, 0),
                    op("poll", POLL_TIMED, 0),
                    op("poll", TAKE, 0))),
            new Queue("java.util.concurrent.LinkedBlockingDeque", Expr.CAPACITY_FIELD, Expr.COUNT_INT, List.of(
                    op("addFirst", PUT, WRAPPER | TARGET),     // -> offerFirst; push -> addFirst
                    op("addLast", PUT, WRAPPER | TARGET),      // -> offerLast; add -> addLast
                    op("offerFirst", OFFER, TARGET),
                    op("offerLast", OFFER, TARGET),
                    op("putFirst", PUT, 0),
                    op("putLast", PUT, TARGET),                // put -> putLast
                    op("offerFirst", OFFER_TIMED, 0),
                    op("offerLast", OFFER_TIMED, TARGET),      // offer(timed) -> offerLast(timed)
                    op("removeFirst", TAKE, WRAPPER | TARGET), // -> pollFirst; remove, pop -> removeFirst
                    op("removeLast", TAKE, WRAPPER),           // -> pollLast
                    op("pollFirst", TAKE, TARGET),
                    op("pollLast", TAKE, TARGET),
                    op("takeFirst", TAKE, TARGET),             // take -> takeFirst
                    op("takeLast", TAKE, 0),
                    op("pollFirst", POLL_TIMED, TARGET),       // poll(timed) -> pollFirst(timed)
                    op("pollLast", POLL_TIMED, 0),
                    op("add", OFFER, WRAPPER),
                    op("offer", OFFER, WRAPPER),
                    op("put", PUT, WRAPPER),
                    op("offer", OFFER_TIMED, WRAPPER),
                    op("remove", TAKE, WRAPPER),
                    op("poll", TAKE, WRAPPER),
                    op("take", TAKE, WRAPPER),
                    op("poll", POLL_TIMED, WRAPPER),
                    op("push", PUT, WRAPPER),
                    op("pop", TAKE, WRAPPER))),
            new Queue("java.util.concurrent.PriorityBlockingQueue", Expr.MAX, Expr.SIZE_INT, List.of(
                    op("add", OFFER, WRAPPER),                 // -> offer
                    op("offer", OFFER, TARGET),
                    op("put", PUT, WRAPPER),                   // -> offer (never blocks)
                    op("offer", OFFER_TIMED, WRAPPER),         // -> offer (never blocks)
                    op("poll", TAKE, 0),
                    op("take", TAKE, 0),
                    op("poll", POLL_TIMED, 0))),
            new Queue("java.util.concurrent.LinkedTransferQueue", Expr.MAX, Expr.MINUS_ONE, List.of(
                    op("put", PUT, 0),
                    op("offer", OFFER_TIMED, 0),
                    op("offer", OFFER, 0),
                    op("add", OFFER, 0),
                    op("tryTransfer", OFFER, 0),
                    op("transfer", PUT, 0),
                    op("tryTransfer", OFFER_TIMED, 0),
                    op("take", TAKE, 0),
                    op("poll", POLL_TIMED, 0),
                    op("poll", TAKE, 0))),
            new Queue("java.util.concurrent.SynchronousQueue", Expr.ZERO, Expr.ZERO, List.of(
                    op("put", PUT, 0),
                    op("offer", OFFER_TIMED, 0),
                    op("offer", OFFER, 0),
                    op("take", TAKE, 0),
                    op("poll", POLL_TIMED, 0),
                    op("poll", TAKE, 0))));

    /** SynchronousQueue's internal LinkedTransferQueue subclass: its constructor is not a channel. */
    static final String SQ_TRANSFERER = "java.util.concurrent.SynchronousQueue$Transferer";

    static Queue byInternalName(String internalName) {
        for (Queue q : QUEUES) {
            if (q.internalName().equals(internalName)) {
                return q;
            }
        }
        return null;
    }

    static int methodCount() {
        int n = 0;
        for (Queue q : QUEUES) {
            n += q.ops().size();
        }
        return n;
    }
}
