package dev.loomscope.cli;

import dev.loomscope.core.detect.Analysis;
import dev.loomscope.core.detect.Detector;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.detect.Severity;
import dev.loomscope.core.model.Timeline;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * {@code analyze --format junit}: JUnit XML, which CI servers show as test results. A test case per
 * detector, failed when it found something at {@code gate} or above (lesser findings are its
 * output); a detector that threw is an error.
 */
final class JUnitReport {
    private JUnitReport() {
    }

    static String of(Timeline timeline, List<Detector> detectors, Analysis.Result result, Severity gate) {
        try {
            StringWriter text = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "loomscope analyze " + timeline.info().source());
            xml.writeAttribute("tests", String.valueOf(detectors.size()));
            xml.writeAttribute("failures", String.valueOf(detectors.stream()
                    .filter(d -> !failing(d, result, gate).isEmpty()).count()));
            xml.writeAttribute("errors", String.valueOf(result.failures().size()));
            xml.writeAttribute("skipped", "0");
            for (Detector d : detectors) {
                testCase(xml, d, result, gate);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return text + "\n";
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write JUnit XML", e);
        }
    }

    private static void testCase(XMLStreamWriter xml, Detector d, Analysis.Result result, Severity gate)
            throws XMLStreamException {
        String id = d.info().id();
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "loomscope.detectors");
        xml.writeAttribute("name", id);
        xml.writeAttribute("time", "0");
        List<Finding> failing = failing(d, result, gate);
        if (!failing.isEmpty()) {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", failing.getFirst().severity().label());
            xml.writeAttribute("message", failing.size() + " finding" + (failing.size() == 1 ? "" : "s") + " at "
                    + gate.label() + " or above: " + failing.getFirst().kind() + ", " + failing.getFirst().severity().label());
            xml.writeCharacters(describe(failing));
            xml.writeEndElement();
        }
        for (Analysis.Failure f : result.failures()) {
            if (f.detector().equals(id)) {
                xml.writeStartElement("error");
                xml.writeAttribute("message", f.message());
                xml.writeEndElement();
            }
        }
        List<Finding> below = result.findings().stream()
                .filter(f -> f.detector().equals(id) && f.severity().compareTo(gate) < 0).toList();
        if (!below.isEmpty()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(describe(below));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static List<Finding> failing(Detector d, Analysis.Result result, Severity gate) {
        return result.findings().stream()
                .filter(f -> f.detector().equals(d.info().id()) && f.severity().compareTo(gate) >= 0).toList();
    }

    private static String describe(List<Finding> findings) {
        StringBuilder text = new StringBuilder();
        for (Finding f : findings) {
            text.append('[').append(f.severity().label()).append("] ").append(f.kind())
                    .append(f.site().isEmpty() ? "" : " at " + f.site()).append(": ").append(f.message()).append('\n');
            if (!f.threads().isEmpty()) {
                text.append("  threads: ").append(String.join(", ", f.threads().subList(0, Math.min(20, f.threads().size()))))
                        .append(f.threads().size() > 20 ? ", ..." : "").append('\n');
            }
        }
        return text.toString();
    }
}
