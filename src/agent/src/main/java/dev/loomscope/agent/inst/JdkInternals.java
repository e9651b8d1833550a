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
            new Member("parkPermit", "Z", "parkPermit"));

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
        Set<String> present = new HashSet<>();
        for (Method m : vthread.getDeclaredMethods()) {
            present.add(m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                    .toMethodDescriptorString());
        }
        for (Field f : vthread.getDeclaredFields()) {
            present.add(f.getName() + ":" + f.getType().descriptorString());
        }
        List<String> missing = new ArrayList<>();
        for (Member m : METHODS) {
            if (m.name().equals(simulateMissing) || !present.contains(m.name() + m.descriptor())) {
                missing.add("VirtualThread." + m.name() + m.descriptor());
            }
        }
        for (Member f : FIELDS) {
            if (f.name().equals(simulateMissing) || !present.contains(f.name() + ":" + f.descriptor())) {
                missing.add("VirtualThread." + f.name() + ":" + f.descriptor());
            }
        }
        return missing;
    }
}
