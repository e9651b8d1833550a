package dev.loomscope.agent.inst;

import dev.loomscope.agent.boot.AgentState;
import dev.loomscope.agent.boot.BlockSites;
import dev.loomscope.agent.boot.ChannelHooks;
import dev.loomscope.agent.boot.FutureHooks;
import dev.loomscope.agent.boot.Hooks;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installs the hooks. Order matters: events registered and java.base able to read the
 * hooks' module before the first instrumented mount can run; the status is recorded in
 * every outcome; nothing here may throw into the host.
 */
public final class Installer {
    private Installer() {}

    /** @param bootClasses how BootClasses made the hooks available, reported in the status */
    public static void install(String args, Instrumentation inst, boolean attached, String bootClasses) {
        if (!AgentState.claimInstall()) {
            return;                                   // already installed (second attach)
        }
        VirtualThreadTransformer transformer = null;
        try {
            AgentOptions options = AgentOptions.parse(args);
            if (!options.exitDump().isEmpty()) {
                ExitDump.register(inst, Path.of(options.exitDump()));
            }
            boolean futures = options.futures() != AgentOptions.Futures.OFF;
            AgentState.registerEvents(options.channels(), futures);
            if (options.off()) {
                AgentState.disable("level=off");
                return;
            }
            Class<?> vthread = Class.forName(JdkInternals.VIRTUAL_THREAD, false, null);
            List<String> missing = JdkInternals.missing(vthread, options.simulateMissing());
            if (!missing.isEmpty()) {
                AgentState.disable("unknown JDK internals: missing " + String.join(", ", missing));
                return;
            }
            if (!inst.isRetransformClassesSupported()) {
                AgentState.disable("retransformation not supported (Can-Retransform-Classes)");
                return;
            }
            // java.base must read the boot loader's unnamed module to link calls to Hooks.
            // The future hooks also read CompletableFuture$AltResult.ex (an open package), and a
            // virtual thread's carrier (JavaLangAccess), which holds its future records.
            Module hooksModule = Hooks.class.getModule();
            inst.redefineModule(Object.class.getModule(), Set.of(hooksModule),
                    futures ? Map.of("jdk.internal.access", Set.of(hooksModule)) : Map.of(),
                    futures ? Map.of("java.util.concurrent", Set.of(hooksModule)) : Map.of(),
                    Set.of(), Map.of());

            transformer = new VirtualThreadTransformer(options.failAfter());
            inst.addTransformer(transformer, true);
            Hooks.sample(options.sampleOneIn());
            Hooks.enable();
            inst.retransformClasses(vthread);
            if (!transformer.applied()) {
                inst.removeTransformer(transformer);
                AgentState.disable(transformer.error());
                return;
            }
            // The transformer stays registered: JFR's own method tracing (JEP 520) retransforms
            // VirtualThread when a recording traces its methods, and the hooks must be applied
            // again to the new bytes. It costs one quick name check per class the host loads.
            // The same holds for the channel and future transformers.
            List<String> notes = new ArrayList<>();
            String hooks = JdkInternals.hookList();
            if (options.channels()) {
                String r = installChannels(inst, options);
                if (r.startsWith("channels(")) {
                    hooks += "," + r;
                } else {
                    notes.add("channels off: " + r);
                }
            }
            boolean futureSites = false;
            if (futures) {
                String r = installFutures(inst, options);
                if (r.startsWith("futures(")) {
                    hooks += "," + r;
                    futureSites = options.futures() == AgentOptions.Futures.ALL;
                } else {
                    notes.add("futures off: " + r);
                }
            }
            boolean parkSites = options.parkSites() && options.sampleOneIn() != 0;
            Runnable onceActive = () -> { };
            if (futureSites || parkSites) {
                // The program's calls that create futures (every future reported) and that may park
                // (parks reported) are its sites: read in the classes loading from now on, and after
                // an attach in those loaded before it (retransformed, once the agent is active).
                if (parkSites) {
                    BlockSites.init();
                }
                CallSiteTransformer sites = new CallSiteTransformer(futureSites, parkSites);
                if (attached) {
                    Class<?>[] loaded = inst.getAllLoadedClasses();   // what the transformer will not see load
                    onceActive = () -> rewriteLoaded(inst, sites, loaded);
                }
                inst.addTransformer(sites, true);
                hooks += parkSites ? ",park sites" : "";
            }
            AgentState.activate(hooks, (attached ? "attach" : "premain")
                    + (options.sampleOneIn() > 1 ? "; sampled 1 in " + Integer.highestOneBit(options.sampleOneIn()) : "")
                    + (notes.isEmpty() ? "" : "; " + String.join("; ", notes))
                    + (bootClasses.equals("defined") ? "" : "; boot classes " + bootClasses)
                    + (options.ignored().isEmpty() ? "" : "; ignored options " + options.ignored()));
            onceActive.run();
        } catch (Throwable t) {
            try {
                if (transformer != null) {
                    inst.removeTransformer(transformer);
                }
                AgentState.disable("agent start failed: " + t);
            } catch (Throwable ignored) {
                // Give up quietly: the host must keep running.
            }
        }
    }

    /**
     * After an attach, on a thread of its own (the attach returns at once): the program's classes
     * loaded before it are rewritten, then the status says how many and in how long.
     */
    private static void rewriteLoaded(Instrumentation inst, CallSiteTransformer sites, Class<?>[] loaded) {
        Thread rewriter = new Thread(() -> {
            long start = System.nanoTime();
            int rewritten = sites.rewriteLoaded(inst, loaded);
            AgentState.note("loaded classes rewritten: " + rewritten + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }, "loomscope-rewrite-loaded");
        rewriter.setDaemon(true);
        rewriter.start();
    }

    /**
     * Instruments the blocking queues. Returns "channels(...)" for the hook list, or why the group
     * stays off (the rest of the agent is not affected).
     */
    private static String installChannels(Instrumentation inst, AgentOptions options) {
        ChannelTransformer transformer = new ChannelTransformer();
        try {
            List<String> missing = new ArrayList<>();
            List<Class<?>> classes = JdkInternals.channelClasses(options.simulateMissing(), missing);
            if (!missing.isEmpty()) {
                return "unknown JDK internals: missing " + String.join(", ", missing);
            }
            ChannelHooks.configure(JdkInternals.bootClass(ChannelTargets.SQ_TRANSFERER));
            inst.addTransformer(transformer, true);
            inst.retransformClasses(classes.toArray(new Class<?>[0]));
            for (Class<?> c : classes) {
                String r = transformer.result(c.getName());
                if (!"ok".equals(r)) {
                    inst.removeTransformer(transformer);
                    return r == null ? c.getName() + " was not transformed" : r;
                }
            }
            ChannelHooks.enable();
            return "channels(" + classes.size() + " classes," + ChannelTargets.methodCount() + " methods)";
        } catch (Throwable t) {
            inst.removeTransformer(transformer);
            return "install failed: " + t;
        }
    }

    private static boolean loaded(Instrumentation inst, String className) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** Instruments CompletableFuture. Returns "futures(...)" or why the group stays off. */
    private static String installFutures(Instrumentation inst, AgentOptions options) {
        FutureTransformer transformer = new FutureTransformer();
        boolean failuresOnly = options.futures() == AgentOptions.Futures.FAILURES;
        FutureFields fields = failuresOnly || loaded(inst, JdkInternals.FUTURE) ? null : new FutureFields();
        try {
            List<String> missing = new ArrayList<>();
            if (fields != null) {
                inst.addTransformer(fields, false);    // the class loads next, with the fields
            }
            List<Class<?>> classes;
            try {
                classes = JdkInternals.futureClasses(options.simulateMissing(), missing);
            } finally {
                if (fields != null) {
                    inst.removeTransformer(fields);
                }
            }
            if (!missing.isEmpty()) {
                return "unknown JDK internals: missing " + String.join(", ", missing);
            }
            FutureHooks.init();
            inst.addTransformer(transformer, true);
            inst.retransformClasses(classes.toArray(new Class<?>[0]));
            for (Class<?> c : classes) {
                String r = transformer.result(c.getName().replace('.', '/'));
                if (!"ok".equals(r)) {
                    inst.removeTransformer(transformer);
                    return r == null ? c.getName() + " was not transformed" : r;
                }
            }
            FutureHooks.enable(failuresOnly);
            return "futures(" + classes.size() + " classes," + transformer.points() + " points"
                    + (failuresOnly ? ",failures only" : ",call sites")
                    + (fields != null && fields.added() ? ",ids in fields" : "") + ")";
        } catch (Throwable t) {
            inst.removeTransformer(transformer);
            return "install failed: " + t;
        }
    }
}
