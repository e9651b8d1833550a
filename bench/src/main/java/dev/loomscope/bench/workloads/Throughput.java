package dev.loomscope.bench.workloads;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a workload of the capture benchmarks prints and the benchmarks read: its throughput over
 * the whole run ({@code throughput X unit}) and over the second half of its work
 * ({@code steady Y unit}), start-up and the JIT's warm-up behind it. The sample app
 * {@code healthy} prints the same two lines.
 *
 * @param whole work a second over the whole run
 * @param steady work a second over the second half of the work
 */
public record Throughput(double whole, double steady) {
    private static final Pattern WHOLE = Pattern.compile("throughput ([0-9.]+)");
    private static final Pattern STEADY = Pattern.compile("steady ([0-9.]+)");

    /** Prints both lines: {@code work} done from {@code start}, its second half from {@code halfway}, to {@code end}. */
    static void print(String unit, long work, long start, long halfway, long end) {
        System.out.printf("throughput %.1f %s%n", work / ((end - start) / 1e9), unit);
        System.out.printf("steady %.1f %s%n", (work - work / 2) / ((end - halfway) / 1e9), unit);
    }

    /** The two figures in a workload's output, or null when either is missing. */
    public static Throughput in(String output) {
        Matcher whole = WHOLE.matcher(output);
        Matcher steady = STEADY.matcher(output);
        if (!whole.find() || !steady.find()) {
            return null;
        }
        return new Throughput(Double.parseDouble(whole.group(1)), Double.parseDouble(steady.group(1)));
    }
}
