package io.deltachain.tests.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.Limits;
import io.deltachain.api.ProviderInfo.Origin;
import io.deltachain.api.ProviderInfo;
import io.deltachain.api.StateFormats;
import io.deltachain.api.UnknownCodecException;
import io.deltachain.api.UnknownStrategyException;
import io.deltachain.api.internal.ArtifactCatalog;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.DeltaStrategy;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link DeltaRegistry#load()} on this module's test class path: every Deltachain module, plus
 * {@code examples/delta-example-strategy} (a user's strategy, {@code append-only}), which the pom puts
 * on this class path on purpose so that discovery of a third-party strategy is tested end to end.
 */
class DiscoveryTest {
    private static final DeltaRegistry REGISTRY = DeltaRegistry.load();

    /** Where each provider id must come from: a module's target/classes directory or its jar. */
    private static final Map<String, String> ORIGINS = Map.ofEntries(
            Map.entry("strategy dict", "delta-strategy-dict"),
            Map.entry("strategy bsdiff", "delta-strategy-bsdiff"),
            Map.entry("strategy text", "delta-strategy-text"),
            Map.entry("strategy zstd-patch", "delta-strategy-zstdpatch"),
            Map.entry("strategy json-patch", "delta-strategy-jsonpatch"),
            Map.entry("strategy merge-patch", "delta-strategy-jsonpatch"),
            Map.entry("strategy append-only", "delta-example-strategy"),
            Map.entry("codec gzip", "delta-codec-gzip"),
            Map.entry("codec zstd", "delta-codec-zstd"),
            Map.entry("codec identity", "built-in"),
            Map.entry("state-format bytes", "built-in"),
            Map.entry("state-format utf8-text", "built-in"),
            Map.entry("state-format json-map", "delta-json"),
            Map.entry("state-format json-node", "delta-json"));

    @Test
    void loadFindsOurStrategiesAndTheExampleModulesAppendOnlyStrategy() {
        assertEquals(Set.of("dict", "bsdiff", "text", "zstd-patch", "json-patch", "merge-patch", "append-only"),
                REGISTRY.strategyIds(),
                "strategies: dict from delta-strategy-dict, bsdiff from delta-strategy-bsdiff, text from delta-strategy-text,"
                        + " zstd-patch from delta-strategy-zstdpatch, json-patch and merge-patch from delta-strategy-jsonpatch,"
                        + " and append-only from examples/delta-example-strategy,"
                        + " which delta-tests has on its test class path on purpose");
    }

    @Test
    void loadFindsGzipZstdAndTheBuiltInIdentityCodec() {
        assertEquals(Set.of("gzip", "identity", "zstd"), REGISTRY.codecIds());
    }

    @Test
    void loadFindsTheBuiltInAndJsonStateFormats() {
        assertEquals(Set.of("bytes", "utf8-text", "json-map", "json-node"), REGISTRY.stateFormatIds());
    }

    @Test
    void nothingFailsToLoadOnThisClassPath() {
        assertEquals(List.of(), REGISTRY.failures(), REGISTRY::describe);
    }

    @Test
    void idsAreListedSorted() {
        assertEquals(List.of("append-only", "bsdiff", "dict", "json-patch", "merge-patch", "text", "zstd-patch"),
                List.copyOf(REGISTRY.strategyIds()));
        assertEquals(List.of("bytes", "json-map", "json-node", "utf8-text"), List.copyOf(REGISTRY.stateFormatIds()));
    }

    @Test
    void providersHaveOneEntryPerIdWithItsKindStateFormatAndOrigin() {
        List<ProviderInfo> providers = REGISTRY.providers();
        Map<String, ProviderInfo> byKey = new TreeMap<>();
        for (ProviderInfo p : providers) {
            assertEquals(null, byKey.put(p.kind() + " " + p.id(), p), () -> "two entries for " + p.kind() + " " + p.id());
        }
        assertEquals(ORIGINS.keySet(), byKey.keySet());

        assertEquals(Optional.of("json-map"), byKey.get("strategy dict").stateFormat());
        assertEquals(Optional.of("bytes"), byKey.get("strategy append-only").stateFormat());
        assertEquals("com.example.appendonly.AppendOnlyStrategy", byKey.get("strategy append-only").className());
        assertEquals("io.deltachain.strategy.dict.DictStrategy", byKey.get("strategy dict").className());
        assertEquals(Optional.of("json-node"), byKey.get("strategy json-patch").stateFormat());
        assertEquals(Optional.of("RFC 6902"), byKey.get("strategy json-patch").nativeFormat());
        assertEquals(Optional.of("RFC 7396"), byKey.get("strategy merge-patch").nativeFormat());
        assertEquals("io.deltachain.strategy.jsonpatch.JsonPatchStrategy", byKey.get("strategy json-patch").className());
        assertEquals("io.deltachain.codec.gzip.GzipCodec", byKey.get("codec gzip").className());
        assertEquals("io.deltachain.codec.zstd.ZstdCodec", byKey.get("codec zstd").className());
        assertEquals(Optional.of("bytes"), byKey.get("strategy zstd-patch").stateFormat());
        assertEquals(Optional.of("zstd --patch-from"), byKey.get("strategy zstd-patch").nativeFormat());
        for (ProviderInfo p : providers) {
            if (!p.kind().equals("strategy")) {
                assertEquals(Optional.empty(), p.stateFormat(), () -> p + " is no strategy");
                assertEquals(Optional.empty(), p.nativeFormat(), () -> p + " is no strategy");
            }
            Origin expected = ORIGINS.get(p.kind() + " " + p.id()).equals("built-in") ? Origin.BUILT_IN : Origin.DISCOVERED;
            assertEquals(expected, p.origin(), p::toString);
        }
        // Ordered: strategies, then codecs, then state formats, each by id.
        assertEquals(Optional.of("utf8-text"), byKey.get("strategy text").stateFormat());
        assertEquals(Optional.of("unified diff"), byKey.get("strategy text").nativeFormat());
        assertEquals(List.of("strategy append-only", "strategy bsdiff", "strategy dict", "strategy json-patch",
                        "strategy merge-patch", "strategy text", "strategy zstd-patch",
                        "codec gzip", "codec identity", "codec zstd",
                        "state-format bytes", "state-format json-map", "state-format json-node", "state-format utf8-text"),
                providers.stream().map(p -> p.kind() + " " + p.id()).collect(Collectors.toList()));
    }

    @Test
    void everyProviderComesFromTheModuleThatShipsIt() {
        for (ProviderInfo p : REGISTRY.providers()) {
            String expected = ORIGINS.get(p.kind() + " " + p.id());
            assertTrue(p.location().contains(expected), () -> p.kind() + " " + p.id() + " should come from " + expected
                    + ", not " + p.location());
        }
    }

    @Test
    void describeNamesEveryProviderItsClassAndWhereItCameFrom() {
        String description = REGISTRY.describe();
        for (ProviderInfo p : REGISTRY.providers()) {
            String kind = p.kind().equals("state-format") ? "state format" : p.kind();
            String line = description.lines().filter(l -> l.startsWith(kind + " " + p.id() + ":")).findFirst()
                    .orElseThrow(() -> new AssertionError("describe() has no line for " + kind + " " + p.id()
                            + ":\n" + description));
            assertTrue(line.contains(p.className()), () -> line + " should name " + p.className());
            assertTrue(line.contains(p.location()), () -> line + " should name " + p.location());
        }
        assertTrue(description.contains("delta-example-strategy"), description);
        assertTrue(!description.contains("failed"), description);
    }

    @Test
    void loadIsRepeatableAndRegistriesAreIndependentValues() {
        DeltaRegistry again = DeltaRegistry.load(DiscoveryTest.class.getClassLoader());
        assertEquals(REGISTRY.strategyIds(), again.strategyIds());
        assertEquals(REGISTRY.codecIds(), again.codecIds());
        assertEquals(REGISTRY.stateFormatIds(), again.stateFormatIds());
        assertThrows(UnsupportedOperationException.class, () -> REGISTRY.strategyIds().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> REGISTRY.providers().clear());
    }

    @Test
    void unknownStrategyNamesTheArtifactToAddAndTheIdsAvailable() {
        // A registry without discovery lacks bsdiff, which one of our artifacts provides.
        DeltaRegistry bare = DeltaRegistry.builder().strategy(REGISTRY.strategy("dict")).build();
        UnknownStrategyException e = assertThrows(UnknownStrategyException.class, () -> bare.strategy("bsdiff"));
        assertTrue(e.getMessage().contains("'bsdiff'"), e.getMessage());
        assertTrue(e.getMessage().contains("io.deltachain:delta-strategy-bsdiff"), e.getMessage());
        assertTrue(e.getMessage().contains("Available: dict."), e.getMessage());
        assertEquals("bsdiff", e.id());
        assertEquals("strategy", e.kind());
        assertEquals(List.of("dict"), e.available());
        assertEquals(Optional.of("io.deltachain:delta-strategy-bsdiff"), e.artifact());
    }

    @Test
    void aMissingJsonPatchNamesItsArtifact() {
        DeltaRegistry bare = DeltaRegistry.builder().strategy(REGISTRY.strategy("dict")).build();
        for (String id : List.of("json-patch", "merge-patch")) {
            UnknownStrategyException e = assertThrows(UnknownStrategyException.class, () -> bare.strategy(id));
            assertEquals(Optional.of("io.deltachain:delta-strategy-jsonpatch"), e.artifact(), e::getMessage);
            assertTrue(e.getMessage().contains("Add io.deltachain:delta-strategy-jsonpatch"), e.getMessage());
        }
    }

    @Test
    void aStrategyNoArtifactPublishesSaysSoInsteadOfSendingUsersAfterAJar() {
        for (String planned : List.of("vcdiff")) {
            UnknownStrategyException e = assertThrows(UnknownStrategyException.class, () -> REGISTRY.strategy(planned));
            assertEquals(Optional.empty(), e.artifact(), planned);
            assertTrue(e.getMessage().contains("No published Deltachain artifact provides a strategy '" + planned + "'")
                    && e.getMessage().contains("META-INF/services/io.deltachain.spi.DeltaStrategy")
                    && !e.getMessage().contains("Add "), e.getMessage());
        }
    }

    @Test
    void everyProviderOfOursIsInTheArtifactCatalogUnderTheModuleThatShipsIt() {
        Map<String, String> catalog = ArtifactCatalog.read(DiscoveryTest.class.getClassLoader()).entries();
        for (ProviderInfo p : REGISTRY.providers()) {
            if (!p.className().startsWith("io.deltachain.") || p.className().startsWith("io.deltachain.tests.")) {
                continue;
            }
            String key = p.kind() + "." + p.id();
            String artifact = catalog.get(key);
            assertNotNull(artifact, () -> key + " (" + p.className() + ") is missing from delta-core's "
                    + ArtifactCatalog.RESOURCE);
            String artifactId = artifact.substring(artifact.indexOf(':') + 1);
            assertTrue(p.origin() == ProviderInfo.Origin.BUILT_IN ? artifactId.equals("delta-api")
                    : p.location().contains(artifactId), () -> key + " is listed as " + artifact + " but ships in "
                    + p.location());
        }
    }

    @Test
    void unknownStrategyThatIsNoneOfOursStillListsTheIdsAvailable() {
        UnknownStrategyException e = assertThrows(UnknownStrategyException.class, () -> REGISTRY.strategy("xdelta"));
        assertTrue(e.getMessage().contains("'xdelta'")
                && e.getMessage().contains("Available: append-only, bsdiff, dict, json-patch, merge-patch, text, zstd-patch"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("io.deltachain:"), () -> "no artifact of ours provides xdelta: "
                + e.getMessage());
    }

    @Test
    void unknownCodecNamesTheArtifactToAdd() {
        // Without discovery only the built-in identity codec is there; gzip comes with one of our artifacts.
        DeltaRegistry bare = DeltaRegistry.builder().build();
        UnknownCodecException e = assertThrows(UnknownCodecException.class, () -> bare.codec("gzip"));
        assertTrue(e.getMessage().contains("io.deltachain:delta-codec-gzip"), e.getMessage());
        assertTrue(e.getMessage().contains("Available: identity"), e.getMessage());
        UnknownCodecException zstd = assertThrows(UnknownCodecException.class, () -> bare.codec("zstd"));
        assertTrue(zstd.getMessage().contains("io.deltachain:delta-codec-zstd"), zstd.getMessage());
        UnknownCodecException none = assertThrows(UnknownCodecException.class, () -> REGISTRY.codec("brotli"));
        assertTrue(none.getMessage().contains("Available: gzip, identity, zstd") && !none.getMessage().contains("Add "),
                none.getMessage());
    }

    @Test
    void typedLookupOfAMapStrategyForTextFailsClearly() {
        IncompatibleStateFormatException e = assertThrows(IncompatibleStateFormatException.class,
                () -> REGISTRY.strategy("dict", StateFormats.utf8()));
        assertTrue(e.getMessage().contains("strategy 'dict' works on json-map, not utf8-text"), e.getMessage());
    }

    @Test
    void typedLookupOfJsonPatchForMapsGoesThroughTheJsonNodeView() {
        DeltaStrategy<Map<String, Object>> jsonPatch = REGISTRY.strategy("json-patch", JsonFormats.map());
        assertEquals("json-patch", jsonPatch.id());
        assertEquals("json-map", jsonPatch.stateFormat().id());
        Map<String, Object> base = Map.of("lines", List.of(Map.of("sku", "a"), Map.of("sku", "b")));
        Map<String, Object> target = Map.of("lines", List.of(Map.of("sku", "b")));
        assertEquals(target, jsonPatch.apply(base, jsonPatch.diff(base, target), Limits.defaults()));
        IncompatibleStateFormatException e = assertThrows(IncompatibleStateFormatException.class,
                () -> REGISTRY.strategy("json-patch", StateFormats.utf8()));
        assertTrue(e.getMessage().contains("strategy 'json-patch' works on json-node, not utf8-text"), e.getMessage());
    }

    @Test
    void typedLookupOfAMapStrategyForMapsIsTheStrategyItself() {
        assertEquals(REGISTRY.strategy("dict"), REGISTRY.strategy("dict", JsonFormats.map()));
    }

    @Test
    void aUsersBytesStrategyServesTextThroughItsCanonicalBytes() {
        DeltaStrategy<String> appendOnly = REGISTRY.strategy("append-only", StateFormats.utf8());
        assertEquals("append-only", appendOnly.id());
        assertEquals("utf8-text", appendOnly.stateFormat().id());
        String base = "2024-01-01 started\n";
        for (String target : List.of(base + "2024-01-02 still running: ✓ ünïcode\n", "rewritten\n", "", base)) {
            byte[] payload = appendOnly.diff(base, target);
            assertEquals(target, appendOnly.apply(base, payload, Limits.defaults()));
        }
        // An append is stored as the tail only: the payload is the user's 'A' tag plus the new bytes.
        byte[] payload = appendOnly.diff("abc", "abcdef");
        assertArrayEquals(new byte[] {'A', 'd', 'e', 'f'}, payload);
    }

    @Test
    void strategiesForEachFormatIncludeTheBytesStrategyEverywhere() {
        assertEquals(Set.of("append-only", "bsdiff", "dict", "json-patch", "merge-patch", "zstd-patch"),
                ids(REGISTRY.strategiesFor(JsonFormats.map())));
        // text serves utf8-text as its own format and bytes (valid UTF-8) through DeltaStrategy.on
        assertEquals(Set.of("append-only", "bsdiff", "text", "zstd-patch"), ids(REGISTRY.strategiesFor(StateFormats.utf8())));
        assertEquals(Set.of("append-only", "bsdiff", "text", "zstd-patch"), ids(REGISTRY.strategiesFor(StateFormats.bytes())));
        assertEquals(Set.of("append-only", "bsdiff", "json-patch", "merge-patch", "zstd-patch"),
                ids(REGISTRY.strategiesFor(JsonFormats.node())));
    }

    @Test
    void textIsFoundWithItsArtifactHintAndServesBytesThatAreUtf8() {
        DeltaRegistry bare = DeltaRegistry.builder().build();
        UnknownStrategyException e = assertThrows(UnknownStrategyException.class, () -> bare.strategy("text"));
        assertEquals(Optional.of("io.deltachain:delta-strategy-text"), e.artifact());
        DeltaStrategy<byte[]> onBytes = REGISTRY.strategy("text", StateFormats.bytes());
        assertEquals("text", onBytes.id());
        assertEquals("bytes", onBytes.stateFormat().id());
        byte[] base = "a\r\nb\n".getBytes(StandardCharsets.UTF_8);
        byte[] target = "a\r\nB\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(target, onBytes.apply(base, onBytes.diff(base, target), Limits.defaults()));
        assertThrows(IncompatibleStateFormatException.class, () -> REGISTRY.strategy("text", JsonFormats.map()));
    }

    private static Set<String> ids(List<? extends DeltaStrategy<?>> strategies) {
        Set<String> ids = new HashSet<>();
        strategies.forEach(s -> ids.add(s.id()));
        return ids;
    }
}
