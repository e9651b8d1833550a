package dev.loomscope.agent.inst;

import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The private members of {@code java.lang.VirtualThread} the agent depends on (JDK 25).
 * Checked by reflection before anything is transformed: a JDK that lacks one of them is
 * left untouched and the agent reports itself disabled.
 */
final class JdkInternals {
    static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
    static final String FUTURE = "java.util.concurrent.CompletableFuture";

    record Member(String name, String descriptor, String label) {}

    static final Member MOUNT = new Member("mount", "()V", "mount");
    static final Member UNMOUNT = new Member("unmount", "()V", "unmount");
    static final Member PARK = new Member("park", "()V", "park");
    static final Member PARK_NANOS = new Member("parkNanos", "(J)V", "parkNanos");
    static final Member SUBMIT = new Member("submitRunContinuation",
            "(Ljava/util/concurrent/Executor;Z)V", "submitRunContinuation(Executor,boolean)");
    static final Member LAZY_SUBMIT = new Member("lazySubmitRunContinuation", "()V",
            "lazySubmitRunContinuation");
    static final Member EXTERNAL_SUBMIT = new Member("externalSubmitRunContinuation",
            "(Ljava/util/concurrent/ForkJoinPool;)V", "externalSubmitRunContinuation");
    static final Member EXTERNAL_SUBMIT_OR_THROW = new Member("externalSubmitRunContinuationOrThrow",
            "()V", "externalSubmitRunContinuationOrThrow");

    static final List<Member> METHODS = List.of(MOUNT, UNMOUNT, PARK, PARK_NANOS,
            SUBMIT, LAZY_SUBMIT, EXTERNAL_SUBMIT, EXTERNAL_SUBMIT_OR_THROW);

    /** Instance fields read by the injected code. */
    static final List<Member> FIELDS = List.of(
            new Member("state", "I", "state"),
            new Member("parkPermit", "Z", "parkPermit"),
            new Member("carrierThread", "Ljava/lang/Thread;", "carrierThread"));

    private JdkInternals() {}

    static String hookList() {
        List<String> labels = new ArrayList<>();
        for (Member m : METHODS) {
            labels.add(m.label());
        }
        return String.join(",", labels);
    }

    /** Returns "VirtualThread.name descriptor" for every member that is absent. */
    static List<String> missing(Class<?> vthread, String simulateMissing) {
        return missing(vthread, "VirtualThread", METHODS, FIELDS, simulateMissing);
    }

    /**
     * Returns "Simple.name descriptor" for every listed method or field {@code c} does not declare.
     * {@code simulateMissing} (test switch) names a member to treat as absent.
     */
    static List<String> missing(Class<?> c, String simpleName, List<Member> methods, List<Member> fields,
                                String simulateMissing) {
        Set<String> present = new HashSet<>();
        for (Method m : c.getDeclaredMethods()) {
            present.add(m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                    .toMethodDescriptorString());
        }
        for (java.lang.reflect.Constructor<?> k : c.getDeclaredConstructors()) {
            present.add("<init>" + MethodType.methodType(void.class, k.getParameterTypes()).toMethodDescriptorString());
        }
        for (Field f : c.getDeclaredFields()) {
            present.add(f.getName() + ":" + f.getType().descriptorString());
        }
        List<String> missing = new ArrayList<>();
        for (Member m : methods) {
            if (m.name().equals(simulateMissing) || !present.contains(m.name() + m.descriptor())) {
                missing.add(simpleName + "." + m.name() + m.descriptor());
            }
        }
        for (Member f : fields) {
            if (f.name().equals(simulateMissing) || !present.contains(f.name() + ":" + f.descriptor())) {
                missing.add(simpleName + "." + f.name() + ":" + f.descriptor());
            }
        }
        return missing;
    }

    /** Loads (without initializing) a boot class by binary name, or returns null. */
    static Class<?> bootClass(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /**
     * The queue classes, or the list of what is missing in {@code missing}: the hooked methods of
     * {@link ChannelTargets} and the fields the injected code reads.
     */
    static List<Class<?>> channelClasses(String simulateMissing, List<String> missing) {
        List<Class<?>> out = new ArrayList<>();
        for (ChannelTargets.Queue q : ChannelTargets.QUEUES) {
            Class<?> c = bootClass(q.className());
            if (c == null) {
                missing.add(q.className());
                continue;
            }
            missing.addAll(missing(c, q.simpleName(), q.methods(), q.fields(), simulateMissing));
            out.add(c);
        }
        if (bootClass(ChannelTargets.SQ_TRANSFERER) == null) {
            missing.add(ChannelTargets.SQ_TRANSFERER);
        }
        return out;
    }

    /** The CompletableFuture classes of {@link FutureTargets}, or what is missing in {@code missing}. */
    static List<Class<?>> futureClasses(String simulateMissing, List<String> missing) {
        List<Class<?>> out = new ArrayList<>();
        for (String internal : FutureTargets.CLASSES) {
            String name = internal.replace('/', '.');
            Class<?> c = bootClass(name);
            if (c == null) {
                missing.add(name);
                continue;
            }
            List<Member> fields = internal.equals(FutureTargets.CF)
                    ? List.of(new Member("result", "Ljava/lang/Object;", "result")) : List.of();
            missing.addAll(missing(c, name.substring(name.lastIndexOf('.') + 1), FutureTargets.methodsOf(internal),
                    fields, simulateMissing));
            out.add(c);
        }
        for (String extra : List.of("java.util.concurrent.CompletableFuture$AltResult",
                "java.util.concurrent.CompletableFuture$Canceller")) {
            if (bootClass(extra) == null) {
                missing.add(extra);
            }
        }
        return out;
    }
}
