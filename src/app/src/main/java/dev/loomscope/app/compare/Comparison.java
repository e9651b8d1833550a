package dev.loomscope.app.compare;

import dev.loomscope.core.diff.RecordingDiff;
import dev.loomscope.core.model.Timeline;

/**
 * Two recordings and what changed between them, ready to show.
 *
 * @param before     the recording on screen when the comparison was asked for
 * @param beforeName what to call it
 * @param after      the one opened beside it
 * @param afterName  what to call that one
 * @param diff       the differences, as {@code loomscope diff} computes them
 */
public record Comparison(Timeline before, String beforeName, Timeline after, String afterName, RecordingDiff diff) {
}
