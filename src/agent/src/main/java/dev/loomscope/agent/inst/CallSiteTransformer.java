package dev.loomscope.agent.inst;

import dev.loomscope.agent.boot.BlockSites;
import dev.loomscope.agent.boot.CallSites;
import dev.loomscope.agent.boot.FutureHooks;
import dev.loomscope.agent.boot.FutureSites;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Brackets calls in the program's code as its classes load ({@link BracketedMethod}): each call
 * that creates a CompletableFuture (a stage method, a static factory, {@code new
 * CompletableFuture()}; on CompletableFuture or CompletionStage) with {@link FutureSites}, and
 * each call of a JDK method that may park ({@link BlockingCalls}) with {@link BlockSites}; each
 * site registered with its class, method and line ({@link CallSites}). Only classes of unnamed
 * modules loaded by a class loader that links the hooks (the program and its libraries), in class
 * files with stack map frames (Java 7 and later), whose constant pool names the types, are read; a
 * class the transformer cannot rewrite is left as it was (its futures and parks take a stack).
 * Classes loaded before the agent (an attach) are rewritten after it ({@link #rewriteLoaded}).
 */
final class CallSiteTransformer implements ClassFileTransformer {
    private static final String FUTURE = "java/util/concurrent/CompletableFuture";
    private static final String STAGE = "java/util/concurrent/CompletionStage";
    private static final String AGENT_PACKAGE = "dev/loomscope/agent/";
    private static final String FUTURE_SITES = FutureSites.class.getName().replace('.', '/');
    private static final String BLOCK_SITES = BlockSites.class.getName().replace('.', '/');
    /** Every type whose calls are bracketed is in this package or below it, but java.lang.Thread. */
    private static final byte[] CONCURRENT = "java/util/concurrent/".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] THREAD = "java/lang/Thread".getBytes(StandardCharsets.ISO_8859_1);

    /** Methods of either type that create the future they return (FutureHooks.KINDS, with their Async forms). */
    private static final Set<String> CREATING = creatingMethods();

    private final boolean futures;
    private final boolean blocking;
    /** Whether each class loader seen links the hooks (weakly held: loaders come and go). */
    private final Map<ClassLoader, Boolean> loaders = new WeakHashMap<>();

    /**
     * @param futures  bracket the calls that create futures (every future is reported)
     * @param blocking bracket the blocking calls (parks are reported)
     */
    CallSiteTransformer(boolean futures, boolean blocking) {
        this.futures = futures;
        this.blocking = blocking;
    }

    /**
     * At a class's load, and at its retransformation (the classes loaded before an attach,
     * {@link #rewriteLoaded}; another agent's or JFR's, from the same original bytes).
     */
    @Override
    public byte[] transform(Module module, ClassLoader loader, String className,
                            Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        try {
            if (!mayRewrite(module, loader, className, bytes)) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            Set<String> methods = methodsWithCalls(reader);
            if (methods == null) {
                return null;
            }
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            Bracketing bracketing = new Bracketing(writer, className, methods);
            reader.accept(bracketing, ClassReader.EXPAND_FRAMES);
            return bracketing.found == 0 ? null : writer.toByteArray();
        } catch (Throwable t) {
            return null;                            // too large a method, a class ASM cannot read: left alone
        }
    }

    /** Whether the class is the program's, links the hooks and names a type whose calls are bracketed. */
    private boolean mayRewrite(Module module, ClassLoader loader, String className, byte[] bytes) {
        return loader != null && className != null && module != null && !module.isNamed()
                && !className.startsWith(AGENT_PACKAGE)
                && (contains(bytes, CONCURRENT) || blocking && contains(bytes, THREAD))
                && seesTheHooks(loader);
    }

    /** The methods (name and descriptor) of the class with calls to bracket, or null: none. */
    private Set<String> methodsWithCalls(ClassReader reader) {
        if (reader.readUnsignedShort(6) < Opcodes.V1_7) {
            return null;                            // no stack map frames to follow
        }
        Finder finder = new Finder();
        reader.accept(finder, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return finder.methods.isEmpty() ? null : finder.methods;
    }

    /**
     * After an attach: retransforms, one at a time, those of {@code loaded} (the classes loaded
     * before this transformer was added) that are the program's and have calls to bracket (read
     * from their class files first, so that no other class is touched; a class the JVM refuses
     * stays as it was). Each is a pause of the host at a safepoint, as any retransformation is.
     * Returns how many were rewritten.
     */
    int rewriteLoaded(Instrumentation inst, Class<?>[] loaded) {
        int rewritten = 0;
        for (Class<?> c : loaded) {
            ClassLoader loader = c.getClassLoader();
            if (loader == null || c.isArray() || c.isHidden() || c.getModule().isNamed() || !inst.isModifiableClass(c)) {
                continue;
            }
            String name = c.getName().replace('.', '/');
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                byte[] bytes = in == null ? null : in.readAllBytes();
                if (bytes == null || !mayRewrite(c.getModule(), loader, name, bytes)
                        || methodsWithCalls(new ClassReader(bytes)) == null) {
                    continue;
                }
                inst.retransformClasses(c);
                rewritten++;
            } catch (Throwable t) {
                // Left as it was: its futures and parks take stacks.
            }
        }
        return rewritten;
    }

    /**
     * Whether code that {@code loader} defines links the hooks to the boot loader's classes: a
     * loader that does not delegate to it (an OSGi framework delegates only {@code java.*}) would
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
            sees = Class.forName(CallSites.class.getName(), false, loader) == CallSites.class;
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

    private static boolean contains(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0, last = bytes.length - what.length; i <= last; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Why a call is bracketed: the kind of future it makes, or else the blocking method it calls. */
    private record Reason(String kind, String callee) {
    }

    /** Why this call is bracketed, or null: it is not. */
    private Reason bracketed(int opcode, String owner, String name, String descriptor) {
        String kind = futures ? kind(opcode, owner, name, descriptor) : null;
        if (kind != null) {
            return new Reason(kind, "");
        }
        String callee = blocking ? BlockingCalls.callee(owner, name, descriptor) : null;
        return callee == null ? null : new Reason("", callee);
    }

    /** A first, quick pass: the methods (name and descriptor) with a call to bracket. */
    private final class Finder extends ClassVisitor {
        final Set<String> methods = new HashSet<>();

        Finder() {
            super(Opcodes.ASM9);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                    if (bracketed(opcode, owner, method, desc) != null) {
                        methods.add(name + descriptor);
                    }
                }
            };
        }
    }

    /** Reads each method with a call to bracket whole, and brackets its calls; counts them. */
    private final class Bracketing extends ClassVisitor implements BracketedMethod.Sites {
        private final String internalName;
        private final String className;
        private final Set<String> methods;
        int found;

        Bracketing(ClassVisitor next, String internalName, Set<String> methods) {
            super(Opcodes.ASM9, next);
            this.internalName = internalName;
            this.className = internalName.replace('/', '.');
            this.methods = methods;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (mv == null || !methods.contains(name + descriptor)) {
                return mv;
            }
            return BracketedMethod.reading(internalName, access, name, descriptor, signature, exceptions, mv, this);
        }

        @Override
        public BracketedMethod.Site siteOf(int opcode, String owner, String name, String descriptor,
                                           String method, int line) {
            Reason why = bracketed(opcode, owner, name, descriptor);
            if (why == null) {
                return null;
            }
            found++;
            int id = CallSites.register(className, method, line, why.kind(), why.callee());
            return new BracketedMethod.Site(id, why.kind().isEmpty() ? BLOCK_SITES : FUTURE_SITES);
        }
    }
}
