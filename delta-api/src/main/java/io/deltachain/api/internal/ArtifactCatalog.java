package io.deltachain.api.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which published artifact provides a provider id, so that "not found" can say what to add. Read
 * from every {@value #RESOURCE} on a class path (Java properties, keys {@code strategy.ID},
 * {@code codec.ID} or {@code state-format.ID}, values {@code groupId:artifactId}); the first entry
 * for a key wins. delta-core ships the table of Deltachain's own modules, so a new module adds its
 * line there (or in a jar of its own family) and delta-api never changes. Only artifacts that exist
 * are listed: a hint must never send a user after a jar that is not there. Immutable.
 */
public final class ArtifactCatalog {
    /** Where catalogs live in a jar. */
    public static final String RESOURCE = "META-INF/deltachain/artifacts.properties";
    /** An empty catalog. */
    public static final ArtifactCatalog EMPTY = new ArtifactCatalog(Map.of());

    private final Map<String, String> entries;

    private ArtifactCatalog(Map<String, String> entries) {
        this.entries = Map.copyOf(entries);
    }

    /**
     * @param loader where to look for {@value #RESOURCE} files; null for none
     * @return every entry found; an unreadable file is skipped (a hint is advice, never a failure)
     */
    public static ArtifactCatalog read(ClassLoader loader) {
        if (loader == null) {
            return EMPTY;
        }
        Map<String, String> found = new TreeMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            while (urls.hasMoreElements()) {
                Properties p = new Properties();
                try (InputStream in = urls.nextElement().openStream();
                     Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    p.load(reader);
                } catch (IOException | IllegalArgumentException unreadable) {
                    continue;
                }
                p.stringPropertyNames().forEach(k -> found.putIfAbsent(k.trim(), p.getProperty(k).trim()));
            }
        } catch (IOException unreadable) {
            return EMPTY;
        }
        return new ArtifactCatalog(found);
    }

    /**
     * @param other another catalog
     * @return this catalog's entries, then those of {@code other} for keys this one lacks
     */
    public ArtifactCatalog plus(ArtifactCatalog other) {
        Map<String, String> merged = new TreeMap<>(other.entries);
        merged.putAll(entries);
        return new ArtifactCatalog(merged);
    }

    /**
     * @param kind {@code strategy}, {@code codec} or {@code state-format}
     * @param id a provider id
     * @return the artifact that provides it, when one is listed
     */
    public Optional<String> artifact(String kind, String id) {
        return Optional.ofNullable(entries.get(kind + "." + id));
    }

    /** @return every entry, key {@code kind.id}, value the artifact */
    public Map<String, String> entries() {
        return entries;
    }
}
