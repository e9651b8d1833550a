package dev.loomscope.core.detect;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds detectors: the built-in ones on Loomscope's class path, and plugins, which are jars in the
 * plugins folder (and only there) that declare a {@link Detector} in
 * {@code META-INF/services/dev.loomscope.core.detect.Detector}. A jar that cannot be read or a
 * provider that cannot be made is reported and skipped.
 */
public final class Detectors {

    /**
     * What was found.
     *
     * @param detectors every usable detector, built-ins first
     * @param plugins   for each plugin jar, its detectors' ids or why it was skipped
     */
    public record Loaded(List<Detector> detectors, List<Plugin> plugins) {
        public Loaded {
            detectors = List.copyOf(detectors);
            plugins = List.copyOf(plugins);
        }
    }

    /** A plugin jar: the detectors it gave, or the problem that kept it out ({@code problem} "" if none). */
    public record Plugin(Path jar, List<String> detectors, String problem) {
        public Plugin {
            detectors = List.copyOf(detectors);
        }
    }

    private Detectors() {
    }

    /** The built-in detectors. */
    public static List<Detector> builtIn() {
        List<Detector> found = new ArrayList<>();
        collect(ServiceLoader.load(Detector.class, Detectors.class.getClassLoader()), found, new ArrayList<>());
        return found;
    }

    /** The built-in detectors and the plugins in {@code pluginsDir} (which may not exist). */
    public static Loaded load(Path pluginsDir) {
        List<Detector> detectors = new ArrayList<>(builtIn());
        List<Plugin> plugins = new ArrayList<>();
        if (pluginsDir != null && Files.isDirectory(pluginsDir)) {
            try (Stream<Path> jars = Files.list(pluginsDir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    plugins.add(loadPlugin(jar, detectors));
                }
            } catch (IOException e) {
                plugins.add(new Plugin(pluginsDir, List.of(), "the plugins folder could not be read: " + e.getMessage()));
            }
        }
        return new Loaded(detectors, plugins);
    }

    private static Plugin loadPlugin(Path jar, List<Detector> detectors) {
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            return new Plugin(jar, List.of(), e.getMessage());
        }
        // Plugins see Loomscope's classes (the SPI) through the parent; their own stay apart.
        URLClassLoader loader = new URLClassLoader(new URL[] {url}, Detectors.class.getClassLoader());
        List<Detector> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ServiceLoader<Detector> services = ServiceLoader.load(Detector.class, loader);
        collect(services, found, problems);
        found.removeIf(d -> d.getClass().getClassLoader() != loader); // the built-ins, seen again through the parent
        List<String> ids = new ArrayList<>();
        for (Detector d : found) {
            try {
                ids.add(d.info().id());
                detectors.add(d);
            } catch (RuntimeException | LinkageError e) {
                problems.add(d.getClass().getName() + " has no usable info(): " + e);
            }
        }
        if (found.isEmpty() && problems.isEmpty()) {
            problems.add("it declares no Detector (META-INF/services/" + Detector.class.getName() + ")");
        }
        return new Plugin(jar, ids, String.join("; ", problems));
    }

    private static void collect(ServiceLoader<Detector> services, List<Detector> into, List<String> problems) {
        Iterator<Detector> it = services.iterator();
        for (int guard = 0; guard < 10_000; guard++) { // a loader that keeps failing must not loop forever
            try {
                if (!it.hasNext()) {
                    return;
                }
                into.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(e.getMessage());
            }
        }
    }
}
