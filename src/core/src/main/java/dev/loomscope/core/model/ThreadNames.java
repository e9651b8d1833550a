package dev.loomscope.core.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Thread names split into a prefix and a trailing number, the prefixes shared: a million threads
 * named {@code worker-1} to {@code worker-1000000} keep one {@code "worker-"} and an int each
 * instead of a string each (about 56 bytes a thread; most of a million-thread timeline's names).
 *
 * <p>The number is the name's trailing run of one to nine digits without a leading zero, so that
 * prefix and number give back the name exactly; any other name is all prefix (number -1).
 */
final class ThreadNames {
    /** Prefixes kept at most: a program naming every thread differently gains nothing from sharing. */
    private static final int MAX_SHARED = 4096;
    /** Shares nothing: for a lane made outside a writer. */
    static final ThreadNames UNSHARED = new ThreadNames();

    private final Map<String, String> prefixes = new HashMap<>();
    /** The prefix given last. */
    private String last = "";

    /** The trailing number of {@code name}, or -1 when it has none that gives the name back. */
    static int number(String name) {
        int start = prefixLength(name);
        int digits = name.length() - start;
        if (digits == 0 || digits > 9 || digits > 1 && name.charAt(start) == '0') {
            return -1;
        }
        return Integer.parseInt(name, start, name.length(), 10);
    }

    /** Whether {@code candidate} is the name kept as {@code prefix} and {@code number}, without building that name. */
    static boolean is(String candidate, String prefix, int number) {
        int candidateNumber = number(candidate);
        int prefixLength = candidateNumber < 0 ? candidate.length() : prefixLength(candidate);
        return candidateNumber == number && prefixLength == prefix.length()
                && candidate.regionMatches(0, prefix, 0, prefixLength);
    }

    /** Where the trailing run of digits of {@code name} begins ({@code name.length()} if none). */
    static int prefixLength(String name) {
        int i = name.length();
        while (i > 0 && name.charAt(i - 1) >= '0' && name.charAt(i - 1) <= '9') {
            i--;
        }
        return i;
    }

    /** The first {@code length} characters of {@code name}, the same string for every thread that shares them. */
    String prefix(String name, int length) {
        if (this == UNSHARED) {
            return name.substring(0, length);
        }
        if (length == last.length() && name.startsWith(last)) {
            return last; // threads named alike come in runs: no substring, no hashing
        }
        String prefix = name.substring(0, length);
        String shared = prefixes.get(prefix);
        if (shared == null && prefixes.size() < MAX_SHARED) {
            prefixes.put(prefix, prefix);
        }
        last = shared == null ? prefix : shared;
        return last;
    }
}
