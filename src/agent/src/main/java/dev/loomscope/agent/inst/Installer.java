package dev.loomscope.agent.inst;

import dev.loomscope.agent.boot.AgentState;
import dev.loomscope.agent.boot.Hooks;
import java.lang.instrument.Instrumentation;
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
            AgentState.registerEvents();
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
            Module hooksModule = Hooks.class.getModule();
            inst.redefineModule(Object.class.getModule(), Set.of(hooksModule),
                    Map.of(), Map.of(), Set.of(), Map.of());

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
            AgentState.activate(JdkInternals.hookList(), (attached ? "attach" : "premain")
                    + (options.sampleOneIn() > 1 ? "; sampled 1 in " + Integer.highestOneBit(options.sampleOneIn()) : "")
                    + (bootClasses.equals("defined") ? "" : "; boot classes " + bootClasses)
                    + (options.ignored().isEmpty() ? "" : "; ignored options " + options.ignored()));
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
}
