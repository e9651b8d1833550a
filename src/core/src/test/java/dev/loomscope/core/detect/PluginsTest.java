package dev.loomscope.core.detect;

import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plugins are jars in the plugins folder; a bad one is reported and kept out, the rest works. */
class PluginsTest {

    @Test
    void aPluginDetectorRunsBesideTheBuiltInsAndOneThatThrowsIsDisabledAndReported(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar(dir, plugins.resolve("counting.jar"), "CountingDetector", """
                public List<Finding> detect(DetectionContext c) {
                    return List.of(new Finding("leak", Severity.INFO, "lanes: " + c.timeline().laneCount(), 0, 1,
                            List.of(), List.of(), "", Map.of(), "counting"));
                }""");
        jar(dir, plugins.resolve("throwing.jar"), "ThrowingDetector", """
                public List<Finding> detect(DetectionContext c) {
                    throw new IllegalStateException("plugin bug");
                }""");
        Files.writeString(plugins.resolve("broken.jar"), "not a jar");

        Detectors.Loaded loaded = Detectors.load(plugins);
        assertEquals(List.of("counting"), plugin(loaded, "counting.jar").detectors());
        assertTrue(!plugin(loaded, "broken.jar").problem().isEmpty(), "a damaged jar is reported");

        Analysis.Result result = Analysis.run(SampleRecordings.pipelineTimeline(), Map.of(), loaded.detectors());
        assertTrue(result.findings().stream().anyMatch(f -> f.detector().equals("counting")), "the plugin's finding");
        assertTrue(result.findings().stream().anyMatch(f -> f.kind().equals("backpressure")), "the built-ins ran");
        assertEquals(1, result.failures().size());
        assertTrue(result.failures().getFirst().message().contains("plugin bug"));
    }

    private static Detectors.Plugin plugin(Detectors.Loaded loaded, String jar) {
        return loaded.plugins().stream().filter(p -> p.jar().getFileName().toString().equals(jar)).findFirst().orElseThrow();
    }

    /** Compiles a one-class detector plugin against the test class path and jars it with its service file. */
    private static void jar(Path work, Path jar, String name, String detectBody) throws IOException {
        Path src = Files.createDirectories(work.resolve("src-" + name + "/plugin"));
        Path classes = Files.createDirectories(work.resolve("classes-" + name));
        Files.writeString(src.resolve(name + ".java"), """
                package plugin;
                import dev.loomscope.core.detect.*;
                import java.util.*;
                public final class %s implements Detector {
                    public Info info() { return new Info("%s", "%s", "test plugin", List.of()); }
                    %s
                }""".formatted(name, name.equals("CountingDetector") ? "counting" : "throwing", name, detectBody));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(),
                src.resolve(name + ".java").toString());
        assertEquals(0, code, "the test plugin compiles");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path c : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, out);
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + Detector.class.getName()));
            out.write(("plugin." + name + "\n").getBytes());
        }
    }
}
