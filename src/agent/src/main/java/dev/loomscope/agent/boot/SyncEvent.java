package dev.loomscope.agent.boot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Throwaway event committed on the carrier just before it commits a batch of runs
 * ({@link CarrierRunsEvent}).
 *
 * <p>JDK 25 JFR drops the first event a carrier commits after its virtual thread committed
 * one (measured: 25-70 % of unmount events lost without this, when each unmount was an event of
 * its own). This event takes that loss;
 * when it survives it is a few bytes and consumers ignore it. Do not disable it.
 */
@Name("loomscope.Sync")
@Label("Loomscope Writer Sync")
@Description("Internal: absorbs a JFR event loss after a virtual-thread switch; ignore")
@Category({"Loomscope"})
@StackTrace(false)
public final class SyncEvent extends jdk.jfr.Event {
}
