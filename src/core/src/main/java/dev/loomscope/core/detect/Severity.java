package dev.loomscope.core.detect;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** How much a finding matters, least first. */
@API(status = STABLE, since = "0.1")
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case name used in text and JSON output. */
    public String label() {
        return name().toLowerCase();
    }

    /** Parses a label ({@code high}) or name ({@code HIGH}). */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a severity is one of info, low, medium, high, critical (not '" + text + "')");
        }
    }
}
