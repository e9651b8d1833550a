package dev.loomscope.app.futures;

import dev.loomscope.core.model.FutureChains;
import javafx.scene.paint.Color;

/** The colours of futures by outcome, and of the continuations that ran inside them. */
final class FuturePalette {
    static final Color RUN = Color.web("#2ca02c");

    private FuturePalette() {
    }

    static Color of(FutureChains.Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> Color.web("#8fb8de");
            case FAILED -> Color.web("#e8a0a0");
            case UNOBSERVED_FAILURE -> Color.web("#d62728");
            case CANCELLED -> Color.web("#c7c2a8");
            case PENDING -> Color.web("#d8dbe2");
        };
    }

    static String label(FutureChains.Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case UNOBSERVED_FAILURE -> "failed, never observed";
            case CANCELLED -> "cancelled";
            case PENDING -> "never completed";
        };
    }
}
