package dev.loomscope.cli;

import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.model.Timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code analyze --format sarif}: SARIF 2.1.0, the format code-scanning pages read. A rule per
 * detector, a result per finding, its site as the location: the class's source file by its package
 * path (the source folder is not in a recording) and the line.
 */
final class SarifReport {
    private static final Pattern SITE = Pattern.compile("^(.+)\\.([^.(]+)\\((\\d+)\\)$");

    private SarifReport() {
    }

    static Map<String, Object> of(Timeline timeline, List<Detector> detectors, Analysis.Result result, String version) {
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Detector d : detectors) {
            Detector.Info info = d.info();
            ruleIndex.put(info.id(), rules.size());
            rules.add(Map.of("id", info.id(), "name", info.name(),
                    "shortDescription", Map.of("text", info.name()),
                    "fullDescription", Map.of("text", info.description())));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : result.findings()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ruleId", f.detector());
            if (ruleIndex.containsKey(f.detector())) {
                r.put("ruleIndex", ruleIndex.get(f.detector()));
            }
            r.put("level", level(f.severity()));
            r.put("message", Map.of("text", "[" + f.severity().label() + "] " + f.kind() + ": " + f.message()));
            List<Object> locations = location(f.site());
            if (!locations.isEmpty()) {
                r.put("locations", locations);
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("kind", f.kind());
            properties.put("severity", f.severity().label());
            properties.put("threads", f.threads());
            properties.put("startNanos", f.startNanos());
            properties.put("endNanos", f.endNanos());
            r.put("properties", properties);
            results.add(r);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "Loomscope");
        driver.put("version", version);
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        run.put("properties", Map.of("recording", timeline.info().source()));
        Map<String, Object> sarif = new LinkedHashMap<>();
        sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        sarif.put("version", "2.1.0");
        sarif.put("runs", List.of(run));
        return sarif;
    }

    /** high and critical fail a check, medium warns, the rest are notes. */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
    }

    /** {@code pkg.Outer$Inner.method(12)} as a physical location (pkg/Outer.java, line 12) and a logical one. */
    static List<Object> location(String site) {
        Matcher m = SITE.matcher(site);
        if (!m.matches()) {
            return List.of();
        }
        String className = m.group(1);
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", outer.replace('.', '/') + ".java"));
        physical.put("region", Map.of("startLine", Integer.parseInt(m.group(3))));
        return List.of(Map.of("physicalLocation", physical,
                "logicalLocations", List.of(Map.of("fullyQualifiedName", className + "." + m.group(2), "kind", "function"))));
    }
}
