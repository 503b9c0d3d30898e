package io.deltachain.tests.zstd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.json.JsonFormats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The zstd codec and the zstd-patch strategy as users meet them: through the registry, auto and chains. */
class ZstdProvidersTest {
    private static final DeltaRegistry REGISTRY = DeltaRegistry.load();

    /**
     * A configuration file that gained a block of new settings, each a near-copy of an old one: zstd
     * finds the old lines anywhere in the old version and codes what differs with its entropy coder,
     * where bsdiff's one forward pass copies them into its extra block for gzip.
     */
    @Test
    void autoPicksZstdPatchWhereItMakesTheSmallestRecord() {
        StringBuilder base = new StringBuilder();
        StringBuilder target = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            base.append("service.").append(i).append(".endpoint = https://host").append(i * 7919 % 1000)
                    .append(".example.org:").append(8000 + i).append("/api/v").append(i % 4).append('\n');
        }
        target.append(base);
        for (int i = 399; i >= 0; i -= 3) {
            target.append("mirror.").append(i).append(".endpoint = https://host").append(i * 7919 % 1000)
                    .append(".example.org:").append(9000 + i).append("/api/v").append(i % 4).append('\n');
        }
        byte[] a = base.toString().getBytes(StandardCharsets.UTF_8);
        byte[] b = target.toString().getBytes(StandardCharsets.UTF_8);
        DeltaCompressor<byte[]> auto = DeltaCompressor.builder(StateFormats.bytes()).registry(REGISTRY).build();
        DeltaRecord chosen = auto.diff(a, b);
        Map<String, Integer> sizes = new TreeMap<>();
        for (String id : List.of("bsdiff", "zstd-patch", "none")) {
            sizes.put(id, DeltaCompressor.builder(StateFormats.bytes()).registry(REGISTRY).strategy(id).build()
                    .diff(a, b).toBytes().length);
        }
        assertEquals("zstd-patch", chosen.strategyId(), sizes::toString);
        assertEquals(sizes.get("zstd-patch"), chosen.toBytes().length, sizes::toString);
        assertArrayEquals(b, auto.apply(a, chosen));
    }

    @Test
    void aChainOfMapsStoresZstdPatchRecordsCompressedWithZstd() {
        DeltaChain<Map<String, Object>> chain = DeltaChain.builder(JsonFormats.map())
                .compressor(DeltaCompressor.builder(JsonFormats.map()).registry(REGISTRY).strategy("zstd-patch")
                        .codec("zstd").level(19).build())
                .build();
        Map<String, Object> state = new TreeMap<>();
        for (int version = 0; version < 12; version++) {
            state.put("key" + version, "value " + version);
            state.remove("key" + (version - 5));
            chain.add(state);
        }
        for (int version = 1; version < 12; version++) {
            DeltaRecord r = chain.deltaAt(version).orElseThrow();
            assertEquals("zstd-patch", r.strategyId());
            assertEquals("zstd", r.codecId());
        }
        assertEquals(state, chain.current().orElseThrow());
        chain.verify();
    }

    /** zstd-jni made to fail as on a platform it has no library for: clear errors naming the provider, nothing else breaks. */
    @Test
    void withoutItsNativeLibraryZstdFailsByNameAndTheRestWorks() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-DZstdNativePath=/nonexistent/libzstd-jni.so", "-cp",
                System.getProperty("java.class.path"), ZstdWithoutNativeLibrary.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("failures: 0") && out.contains("codecs: [gzip, identity, zstd]"), out);
        assertTrue(out.contains("codec: DeltaConfigurationException: codec 'zstd' is unavailable on ")
                && out.contains("UnsatisfiedLinkError") && out.contains("use another codec (gzip)"), out);
        assertTrue(out.contains("codec again: DeltaConfigurationException: codec 'zstd' is unavailable on "), out);
        assertTrue(out.contains("strategy: DeltaConfigurationException: strategy 'zstd-patch' is unavailable on ")
                && out.contains("use strategy bsdiff"), out);
        assertTrue(!out.contains("CRASH"), out);
        assertTrue(out.contains("auto still works: "), out);
    }
}
