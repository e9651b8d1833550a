package dev.loomscope.agent.inst;

import java.util.ArrayList;
import java.util.List;

/**
 * Agent arguments: {@code key=value} pairs separated by commas.
 * <ul>
 *   <li>{@code level=runs}: which virtual thread each carrier ran, when, who made it runnable and
 *       how long it waited for the carrier, for every virtual thread, batched on the carriers (no
 *       event per switch), at every level; {@code level=sampled} (default) or
 *       {@code level=sampled:N} (1 in N, a power of two): also where each park of 1 virtual thread
 *       in 16 (or N) began, with its stack; {@code level=full}: every virtual thread's parks, with
 *       queue and future events (below); {@code level=off}: status event only, no
 *       instrumentation</li>
 *   <li>{@code simulateMissing=<method>}: test switch, the internals check treats that
 *       VirtualThread member as missing</li>
 *   <li>{@code testFailAfter=<n>}: test switch, the n-th hook call throws inside the hook</li>
 *   <li>{@code channels=on|off} (default: on at {@code level=full}, off when sampled):
 *       blocking-queue events (loomscope.ChannelOp, ChannelCreated, ChannelWaiting); off leaves
 *       the queue classes untouched</li>
 *   <li>{@code futures=on|failures|off} (default: on at {@code level=full}, failures otherwise):
 *       CompletableFuture events (loomscope.Future*) for every future; or only for failures no
 *       dependent was there to take, and for whoever reads them later (FutureHooks); off leaves
 *       CompletableFuture untouched</li>
 *   <li>{@code parksites=on|off} (default on): a reported park inside a blocking call of the
 *       program's code (BlockingCalls) names the call's site instead of taking a stack; off: every
 *       reported park takes its stack, as before (to compare the two)</li>
 *   <li>{@code exitdump=<file>}: a JSON thread dump written to that file when the host exits
 *       (ExitDump), at any level</li>
 * </ul>
 */
record AgentOptions(boolean off, int sampleOneIn, String simulateMissing, long failAfter,
                    boolean channels, Futures futures, boolean parkSites, String exitDump, List<String> ignored) {
    /** What the future hooks report. */
    enum Futures { OFF, FAILURES, ALL }

    /** The default level reports 1 virtual thread in this many: within the 5 % overhead budget. */
    static final int DEFAULT_SAMPLE = 16;

    static AgentOptions parse(String args) {
        boolean off = false;
        int sampleOneIn = DEFAULT_SAMPLE;
        String simulateMissing = "";
        long failAfter = 0;
        Boolean channels = null;
        Futures futures = null;
        Boolean parkSites = true;
        String exitDump = "";
        List<String> ignored = new ArrayList<>();
        if (args != null) {
            for (String part : args.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                String key = eq < 0 ? p : p.substring(0, eq).strip();
                String value = eq < 0 ? "" : p.substring(eq + 1).strip();
                switch (key) {
                    case "level" -> {
                        if (value.equals("off")) {
                            off = true;
                        } else if (value.equals("runs")) {
                            sampleOneIn = 0;
                        } else if (value.equals("sampled")) {
                            sampleOneIn = DEFAULT_SAMPLE;
                        } else if (value.equals("full")) {
                            sampleOneIn = 1;
                        } else if (value.startsWith("sampled:")) {
                            sampleOneIn = (int) Math.max(1, parseCount(value.substring(8), p, ignored));
                        } else {
                            ignored.add(p);
                        }
                    }
                    case "simulateMissing" -> simulateMissing = value;
                    case "testFailAfter" -> failAfter = parseCount(value, p, ignored);
                    case "channels" -> channels = onOff(value, channels, p, ignored);
                    case "futures" -> futures = futures(value, futures, p, ignored);
                    case "parksites" -> parkSites = onOff(value, parkSites, p, ignored);
                    case "exitdump" -> exitDump = value;
                    default -> ignored.add(p);
                }
            }
        }
        // Every queue operation and every future is an event, so they come with level=full
        // (an investigation); the cheaper levels report only failures nobody was there to take,
        // which are rare: the unobserved failures, for the price of a check per hook.
        boolean full = sampleOneIn == 1;
        return new AgentOptions(off, sampleOneIn, simulateMissing, failAfter, channels == null ? full : channels,
                futures != null ? futures : full ? Futures.ALL : Futures.FAILURES, parkSites, exitDump,
                List.copyOf(ignored));
    }

    private static Boolean onOff(String value, Boolean current, String option, List<String> ignored) {
        switch (value) {
            case "on", "true" -> {
                return true;
            }
            case "off", "false" -> {
                return false;
            }
            default -> {
                ignored.add(option);
                return current;
            }
        }
    }

    private static Futures futures(String value, Futures current, String option, List<String> ignored) {
        switch (value) {
            case "on", "true" -> {
                return Futures.ALL;
            }
            case "failures" -> {
                return Futures.FAILURES;
            }
            case "off", "false" -> {
                return Futures.OFF;
            }
            default -> {
                ignored.add(option);
                return current;
            }
        }
    }

    private static long parseCount(String value, String option, List<String> ignored) {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        ignored.add(option);
        return 0;
    }
}
