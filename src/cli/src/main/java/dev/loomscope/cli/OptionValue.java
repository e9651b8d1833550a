package dev.loomscope.cli;

import java.util.List;

/** The value after an option on a command line, or a message saying it is missing. */
final class OptionValue {
    private OptionValue() {
    }

    /** {@code args.get(i)}, the value of {@code option} which came just before it. */
    static String of(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
