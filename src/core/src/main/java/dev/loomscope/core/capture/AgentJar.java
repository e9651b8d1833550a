package dev.loomscope.core.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the Loomscope agent jar is: {@code loomscope.agent.jar} if set (tests), else
 * {@code agent/loomscope-agent.jar} in the installation ({@code loomscope.home}).
 */
public final class AgentJar {
    private AgentJar() {
    }

    public static Optional<Path> locate() {
        String explicit = System.getProperty("loomscope.agent.jar");
        if (explicit != null) {
            Path jar = Path.of(explicit);
            return Files.isRegularFile(jar) ? Optional.of(jar.toAbsolutePath()) : Optional.empty();
        }
        String home = System.getProperty("loomscope.home");
        Path jar = home == null ? null : Path.of(home, "agent", "loomscope-agent.jar");
        return jar != null && Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    /** The jar, or an exception that says how to get one. */
    public static Path require() {
        return locate().orElseThrow(() -> new IllegalStateException("The Loomscope agent jar was not found (looked at "
                + "the loomscope.agent.jar property and agent/loomscope-agent.jar in the installation). Build it with "
                + "./loomscope build, or use an installed Loomscope."));
    }
}
