package dev.loomscope.core.live;

import java.io.IOException;

/** Attaching to a JVM, or commanding it, failed. The message says why and what to do. */
public final class AttachException extends IOException {
    public AttachException(String message) {
        super(message);
    }

    public AttachException(String message, Throwable cause) {
        super(message, cause);
    }
}
