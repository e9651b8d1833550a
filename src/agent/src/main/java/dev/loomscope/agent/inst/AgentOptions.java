package dev.loomscope.agent.inst;

import java.util.ArrayList;
import java.util.List;

/**
 * Agent arguments: {@code key=value} pairs separated by commas.
 * <ul>
 *   <li>{@code level=full} (default) or {@code level=off} (status event only, no instrumentation)</li>
 *   <li>{@code simulateMissing=<method>}: test switch, the internals check treats that
 *       VirtualThread member as missing</li>
 *   <li>{@code testFailAfter=<n>}: test switch, the n-th hook call throws inside the hook</li>
 * </ul>
 */
record AgentOptions(boolean off, String simulateMissing, long failAfter, List<String> ignored) {

    static AgentOptions parse(String args) {
        boolean off = false;
        String simulateMissing = "";
        long failAfter = 0;
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
                        } else if (!value.equals("full")) {
                            ignored.add(p);
                        }
                    }
                    case "simulateMissing" -> simulateMissing = value;
                    case "testFailAfter" -> failAfter = parseCount(value, p, ignored);
                    default -> ignored.add(p);
                }
            }
        }
        return new AgentOptions(off, simulateMissing, failAfter, List.copyOf(ignored));
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
