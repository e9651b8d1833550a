package dev.loomscope.core.jfr;

import java.io.IOException;

/**
 * A recording that cannot be read at all. The message is for the user: it says what is wrong with
 * the file and what to do about it.
 */
public final class RecordingException extends IOException {
    public RecordingException(String message) {
        super(message);
    }

    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
