package io.deltachain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single shaded jar merges every META-INF/services file: every provider is still found. */
class ShadedJarIT {
    @Test
    void everyProviderIsFoundInTheShadedJar() throws Exception {
        Path jar = Path.of("target/benchmarks.jar");
        assertTrue(Files.exists(jar), "run after package: " + jar.toAbsolutePath());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar.toString(), ListProviders.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        for (String expected : List.of("strategy bsdiff", "strategy dict", "strategy zstd-patch", "codec gzip", "codec identity", "codec zstd",
                "state-format json-map", "state-format json-node", "state-format bytes")) {
            assertTrue(lines.contains(expected), expected + " missing from:\n" + out);
        }
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("failure")), out);
    }
}
