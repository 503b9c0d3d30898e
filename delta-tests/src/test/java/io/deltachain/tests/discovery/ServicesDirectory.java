package io.deltachain.tests.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A hand-built class path entry for discovery tests: a temporary directory holding one
 * {@code META-INF/services} file, seen through a {@link URLClassLoader} whose parent is this module's
 * class loader. The classes the file names are test fixtures found through the parent, which also
 * sees the real providers (dict, gzip, append-only, the JSON formats) — so every test also shows
 * that the good providers survive. Nothing here touches the class path of other tests.
 */
final class ServicesDirectory {
    static final String STRATEGY_SERVICE = "io.deltachain.spi.DeltaStrategy";

    private ServicesDirectory() {
    }

    /**
     * @param dir an empty temporary directory
     * @param classNames the lines of {@code META-INF/services/io.deltachain.spi.DeltaStrategy}
     * @return a loader seeing that file and, through its parent, the whole test class path
     */
    static URLClassLoader listingStrategies(Path dir, String... classNames) {
        return listing(dir, STRATEGY_SERVICE, List.of(classNames));
    }

    static URLClassLoader listing(Path dir, String service, List<String> lines) {
        try {
            Path file = dir.resolve("META-INF/services/" + service);
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ServicesDirectory.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
