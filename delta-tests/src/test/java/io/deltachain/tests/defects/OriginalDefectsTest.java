package io.deltachain.tests.defects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.deltachain.core.ChainPolicy;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.InMemoryChainStore;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.json.JsonValues;
import io.deltachain.spi.Codec;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.api.StateMismatchException;
import io.deltachain.strategy.dict.DictStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The six defects of the Python original that Deltachain fixes (DESIGN.md, "Defects of the Python
 * original that we fix"). Every test here would fail on the original's behaviour; each says what
 * the original did. Randomised checks use a seeded {@link Random}; the seed is in every failure
 * message and can be fixed with {@code -Ddeltachain.seed=N}.
 */
class OriginalDefectsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock FIXED = Clock.fixed(T0, ZoneOffset.UTC);
    private static final long SEED = Long.getLong("deltachain.seed", ThreadLocalRandom.current().nextLong());
    private static final DeltaRegistry REGISTRY = DeltaRegistry.load();

    /** A chain builder whose compressor uses {@code strategy}, the discovered registry and the fixed clock. */
    private static <S> DeltaChain.Builder<S> chainWith(StateFormat<S> format, String strategy) {
        return DeltaChain.builder(format)
                .compressor(DeltaCompressor.builder(format).registry(REGISTRY).strategy(strategy).clock(FIXED).build());
    }

    private static String seeded(String what) {
        return what + " [seed=" + SEED + ", rerun with -Ddeltachain.seed=" + SEED + "]";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) CanonicalJson.parse(text.getBytes(StandardCharsets.UTF_8), Limits.defaults());
    }

    private static DeltaCompressor<Map<String, Object>> compressor(String strategy, String codec) {
        return DeltaCompressor.builder(JsonFormats.map()).registry(REGISTRY).strategy(strategy).codec(codec)
                .clock(FIXED).build();
    }

    private static void assertJsonEquals(Object expected, Object actual, String message) {
        assertTrue(JsonValues.equal(expected, actual), () -> message + ": expected " + CanonicalJson.toString(expected)
                + " but was " + CanonicalJson.toString(actual));
    }

    // ---- 1 ------------------------------------------------------------------------------------

    @Nested
    @DisplayName("defect 1: merging deltas where a key is removed and re-added")
    class MergeRemoveThenReAdd {
        // The original merged by accumulating "changes" and "removed_keys" separately and applied the
        // removals last, so {set k} + {remove k} + {set k again} lost k.
        private final List<List<String>> sequences = List.of(
                List.of("{}", "{\"k\":1}", "{}", "{\"k\":2}"),
                List.of("{\"k\":1}", "{}", "{\"k\":1}"),
                List.of("{\"k\":1,\"x\":0}", "{\"x\":0}", "{\"x\":1}", "{\"x\":1,\"k\":\"back\"}"),
                List.of("{\"n\":{\"k\":1}}", "{\"n\":{}}", "{\"n\":{\"k\":1}}"),
                List.of("{\"n\":{\"k\":1}}", "{}", "{\"n\":{\"j\":2}}", "{\"n\":{\"j\":2,\"k\":3}}"),
                List.of("{\"n\":{\"deep\":{\"k\":true}}}", "{\"n\":{\"deep\":{}}}", "{\"n\":{\"deep\":{\"k\":false}}}"),
                List.of("{\"k\":{\"a\":1}}", "{\"k\":5}", "{}", "{\"k\":{\"b\":2}}", "{\"k\":{\"b\":2,\"a\":1}}"),
                List.of("{\"a/b\":1,\"~\":2}", "{}", "{\"a/b\":1}", "{\"a/b\":1,\"~\":3}"));

        @Test
        @DisplayName("merged dict deltas give exactly the state sequential application gives")
        void mergedEqualsSequential() {
            for (String codec : List.of("identity", "gzip")) {
                DeltaCompressor<Map<String, Object>> c = compressor("dict", codec);
                for (List<String> sequence : sequences) {
                    List<Map<String, Object>> states = sequence.stream().map(OriginalDefectsTest::json).toList();
                    List<DeltaRecord> records = new ArrayList<>();
                    for (int i = 1; i < states.size(); i++) {
                        records.add(c.diff(states.get(i - 1), states.get(i)));
                    }
                    for (int from = 0; from < records.size(); from++) {
                        for (int to = from + 1; to <= records.size(); to++) {
                            List<DeltaRecord> range = records.subList(from, to);
                            Map<String, Object> sequential = states.get(from);
                            for (DeltaRecord r : range) {
                                sequential = c.apply(sequential, r);
                            }
                            String where = sequence + " records " + from + ".." + to + " (" + codec + ")";
                            assertJsonEquals(states.get(to), sequential, where + " sequential");
                            DeltaRecord merged = c.merge(range).orElseThrow();
                            assertJsonEquals(sequential, c.apply(states.get(from), merged), where + " merge(records)");
                            DeltaRecord remerged = c.merge(states.get(from), range).orElseThrow();
                            assertJsonEquals(sequential, c.apply(states.get(from), remerged), where + " merge(base, records)");
                        }
                    }
                }
            }
        }

        @Test
        @DisplayName("a MERGE-policy chain folding a remove and re-add keeps the key")
        void mergePolicyChainKeepsKey() {
            DeltaChain<Map<String, Object>> chain = chainWith(JsonFormats.map(), "dict")
                    .policy(ChainPolicy.mergeAfter(4)).build();
            List<String> states = List.of("{\"k\":1}", "{\"k\":1,\"x\":1}", "{\"x\":1}", "{\"x\":2}", "{\"x\":2,\"k\":9}",
                    "{\"x\":3,\"k\":9}");
            for (String s : states) {
                chain.add(json(s));
            }
            assertTrue(chain.metrics().optimisations() > 0, "the chain folded deltas");
            assertJsonEquals(json("{\"x\":3,\"k\":9}"), chain.current().orElseThrow(), "current");
            assertJsonEquals(json("{\"x\":3,\"k\":9}"), chain.stateAt(chain.length() - 1), "rebuilt newest");
            assertJsonEquals(json("{\"k\":1}"), chain.stateAt(0), "base");
            assertTrue(chain.verify().ok(), () -> chain.verify().problems().toString());
        }
    }

    // ---- 2 ------------------------------------------------------------------------------------

    @Nested
    @DisplayName("defect 2: binary deltas are never dropped by the chain")
    class BinaryDeltasKept {
        // The original's chain only stored "changes"/"removed_keys"; a BINARY delta has neither, so
        // the chain silently recorded an empty delta and the state was lost.
        private final List<byte[]> versions = List.of(
                bytes("log line 1\n"),
                bytes("log line 1\nlog line 2\n"),
                bytes("log line 1\nlog line 2\nlog line 3\n"),
                bytes("rotated\n"),
                bytes(""),
                new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80, 0},
                new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80, 0, 1, 2, 3});

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        @Test
        @DisplayName("a chain of bytes with the byte strategy append-only returns every version")
        void byteChain() {
            assertTrue(REGISTRY.strategyIds().contains("append-only"), "the example strategy is on the class path");
            for (int snapshotEvery : new int[] {1, 3, 32}) {
                String policy = "snapshotEvery=" + snapshotEvery;
                DeltaChain<byte[]> chain = chainWith(StateFormats.bytes(), "append-only").snapshotEvery(snapshotEvery)
                        .build();
                for (byte[] v : versions) {
                    chain.add(v);
                }
                assertEquals(versions.size(), chain.length());
                for (int i = 0; i < versions.size(); i++) {
                    assertArrayEquals(versions.get(i), chain.stateAt(i), policy + " version " + i);
                }
                for (int i = 1; i < versions.size(); i++) {
                    DeltaRecord r = chain.deltaAt(i).orElseThrow();
                    assertEquals("append-only", r.strategyId());
                    assertEquals("bytes", r.stateFormatId());
                }
                assertTrue(chain.verify().ok(), () -> chain.verify().problems().toString());
            }
        }

        @Test
        @DisplayName("a chain of JSON maps with append-only through the bytes adapter returns every version")
        void jsonMapChainThroughBytesAdapter() {
            List<Map<String, Object>> states = List.of(json("{\"a\":1}"), json("{\"a\":1,\"b\":[1,2]}"),
                    json("{\"b\":[1,2,3]}"), json("{}"), json("{\"z\":{\"deep\":\"\\u00e9\"}}"));
            DeltaChain<Map<String, Object>> chain = chainWith(JsonFormats.map(), "append-only").snapshotEvery(100)
                    .build();
            states.forEach(chain::add);
            assertEquals(states.size(), chain.length());
            for (int i = 0; i < states.size(); i++) {
                assertJsonEquals(states.get(i), chain.stateAt(i), "version " + i);
                if (i > 0) {
                    DeltaRecord r = chain.deltaAt(i).orElseThrow();
                    assertEquals("append-only", r.strategyId());
                    assertEquals("json-map", r.stateFormatId());
                    assertTrue(r.storedSize() > 0, "the delta is not dropped");
                }
            }
            assertTrue(chain.verify().ok(), () -> chain.verify().problems().toString());
        }

        @Test
        @DisplayName("a stored byte chain reopens with every version")
        void reopenedDirectoryChain(@TempDir Path dir) {
            DeltaChain<byte[]> chain = chainWith(StateFormats.bytes(), "append-only")
                    .store(new DirectoryChainStore(dir)).snapshotEvery(4).build();
            versions.forEach(chain::add);
            DeltaChain<byte[]> reopened = DeltaChain.open(new DirectoryChainStore(dir), REGISTRY, StateFormats.bytes());
            assertEquals(versions.size(), reopened.length());
            for (int i = 0; i < versions.size(); i++) {
                assertArrayEquals(versions.get(i), reopened.stateAt(i), "reopened version " + i);
            }
        }
    }

    // ---- 3 ------------------------------------------------------------------------------------

    @Nested
    @DisplayName("defect 3: checksums are deterministic and verified")
    class Checksums {
        // The original hashed the gzip output (whose header holds the current time), so the same delta
        // had a different checksum each second, and it never compared the checksum on apply.
        private final Map<String, Object> base = json("{\"a\":1,\"b\":{\"c\":[1,2,3]},\"s\":\"text\"}");
        private final Map<String, Object> target = json("{\"a\":2,\"b\":{\"c\":[1,2,3,4]},\"t\":true}");

        @Test
        @DisplayName("the same input gives the same record bytes from two compressors with the same clock")
        void deterministicRecordBytes() {
            for (String strategy : List.of("dict", "none", "append-only", "auto")) {
                for (String codec : List.of("identity", "gzip")) {
                    byte[] first = compressor(strategy, codec).diff(base, target).toBytes();
                    byte[] second = compressor(strategy, codec).diff(json(CanonicalJson.toString(base)),
                            json(CanonicalJson.toString(target))).toBytes();
                    assertArrayEquals(first, second, strategy + "/" + codec);
                    assertEquals(compressor(strategy, codec).diff(base, target).toJson(),
                            compressor(strategy, codec).diff(base, target).toJson());
                }
            }
        }

        @Test
        @DisplayName("gzip output does not depend on the time: MTIME is 0 and output is repeatable")
        void gzipIndependentOfTime() throws IOException, InterruptedException {
            Codec gzip = REGISTRY.codec("gzip");
            byte[] data = "the same input, compressed again and again".repeat(20).getBytes(StandardCharsets.UTF_8);
            for (int level = gzip.minLevel(); level <= gzip.maxLevel(); level++) {
                byte[] out = gzip.encode(data, level);
                assertArrayEquals(new byte[4], Arrays.copyOfRange(out, 4, 8), "MTIME at level " + level);
                assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(out)).readAllBytes());
            }
            byte[] before = gzip.encode(data, 6);
            Thread.sleep(1100); // past a one-second MTIME tick
            assertArrayEquals(before, gzip.encode(data, 6));
        }

        @Test
        @DisplayName("a tampered payload is caught on apply")
        void tamperedPayload() {
            for (String strategy : List.of("dict", "none", "append-only")) {
                DeltaCompressor<Map<String, Object>> c = compressor(strategy, "identity");
                DeltaRecord r = c.diff(base, target);
                byte[] payload = r.payload();
                // Same length, one changed byte: passes the size check, must fail on content or hash.
                for (int at = 0; at < payload.length; at++) {
                    byte[] tampered = payload.clone();
                    tampered[at] ^= 0x01;
                    DeltaRecord bad = r.toBuilder().payload(tampered).build();
                    int position = at;
                    DeltaException e = assertThrows(DeltaException.class, () -> c.apply(base, bad),
                            strategy + ": flipped payload byte " + position + " was not detected");
                    assertTrue(e instanceof StateMismatchException || e instanceof CorruptDeltaException,
                            strategy + " byte " + at + ": " + e);
                }
                // Another delta's payload (with its size) swapped in: the target hash catches it.
                DeltaRecord other = c.diff(base, json("{\"other\":1}"));
                DeltaRecord swapped = r.toBuilder().payload(other.payload()).payloadSize(other.payloadSize()).build();
                assertThrows(StateMismatchException.class, () -> c.apply(base, swapped), strategy);
            }
            // With gzip some bytes carry no content (MTIME, XFL, OS, padding bits): a change there may
            // still decode to the same payload. Never may it give a state other than the target.
            DeltaCompressor<Map<String, Object>> gz = compressor("dict", "gzip");
            DeltaRecord r = gz.diff(base, target);
            byte[] payload = r.payload();
            int detected = 0;
            for (int at = 0; at < payload.length; at++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] tampered = payload.clone();
                    tampered[at] ^= (byte) (1 << bit);
                    DeltaRecord bad = r.toBuilder().payload(tampered).build();
                    try {
                        assertJsonEquals(target, gz.apply(base, bad), "gzip byte " + at + " bit " + bit);
                    } catch (StateMismatchException | CorruptDeltaException e) {
                        detected++;
                    }
                }
            }
            assertTrue(detected > payload.length * 8 * 3 / 4, "most flips are detected: " + detected);
        }

        @Test
        @DisplayName("a record applied to the wrong base is a StateMismatchException, not garbage")
        void wrongBase() {
            for (String strategy : List.of("dict", "none", "append-only", "auto")) {
                DeltaCompressor<Map<String, Object>> c = compressor(strategy, "gzip");
                DeltaRecord r = c.diff(base, target);
                assertThrows(StateMismatchException.class, () -> c.apply(target, r), strategy);
                assertThrows(StateMismatchException.class, () -> c.apply(json("{}"), r), strategy);
                Map<String, Object> almost = json(CanonicalJson.toString(base));
                almost.put("a", 1.5);
                assertThrows(StateMismatchException.class, () -> c.apply(almost, r), strategy);
            }
        }

        @Test
        @DisplayName("any flipped bit of a record's wire bytes is a CorruptDeltaException")
        void flippedWireBit() {
            DeltaRecord r = compressor("dict", "gzip").diff(base, target).toBuilder().metadata("note", "ü").build();
            byte[] wire = r.toBytes();
            assertEquals(r, DeltaRecord.fromBytes(wire));
            for (int at = 0; at < wire.length; at++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] bad = wire.clone();
                    bad[at] ^= (byte) (1 << bit);
                    int position = at;
                    int b = bit;
                    assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromBytes(bad),
                            () -> "bit " + b + " of byte " + position + " of " + wire.length);
                }
            }
        }

        @Test
        @DisplayName("a record damaged in the store is reported by verify()")
        void damagedStoreDetected() {
            InMemoryChainStore store = new InMemoryChainStore();
            DeltaChain<Map<String, Object>> chain = chainWith(JsonFormats.map(), "dict").store(store).build();
            chain.add(base);
            chain.add(target);
            chain.add(json("{\"x\":1}"));
            assertTrue(chain.verify().ok());
            byte[] wire = store.readRecord(1);
            wire[wire.length / 2] ^= 0x20;
            try (io.deltachain.core.ChainStore.Writer w = store.lock()) { // rewrite the store with the damaged record
                java.util.TreeMap<Integer, byte[]> snapshots = new java.util.TreeMap<>();
                store.snapshotIndices().forEach(i -> snapshots.put(i, store.readSnapshot(i)));
                java.util.TreeMap<Integer, byte[]> records = new java.util.TreeMap<>(java.util.Map.of(1, wire, 2,
                        store.readRecord(2)));
                w.replace(w.manifest().orElseThrow(), snapshots, records);
            }
            assertFalse(chain.verify().ok(), "a damaged record must be reported");
        }
    }

    // ---- 4 ------------------------------------------------------------------------------------

    @Nested
    @DisplayName("defect 4: bad bytes give DeltaException subtypes, never raw parser errors")
    class BadBytes {
        // The original called pickle/json/zlib directly, so bad input raised UnpicklingError,
        // JSONDecodeError, zlib.error, KeyError... and a length field could make it allocate anything.
        private final Random random = new Random(SEED);

        private void onlyDeltaExceptions(String what, byte[] input, Consumer<byte[]> decoder) {
            try {
                decoder.accept(input);
            } catch (DeltaException expected) {
                assertFalse(String.valueOf(expected.getMessage()).isBlank(), seeded(what + ": empty message"));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                fail(seeded(what + " (" + input.length + " bytes, " + hexPreview(input) + ") leaked " + e), e);
            }
        }

        private byte[] garbage(int maxLength) {
            byte[] b = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(b);
            return b;
        }

        private List<byte[]> damaged(byte[] valid, int count) {
            List<byte[]> out = new ArrayList<>();
            for (int cut = 0; cut < valid.length; cut++) {
                out.add(Arrays.copyOf(valid, cut));
            }
            for (int i = 0; i < count; i++) {
                byte[] b = valid.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips && b.length > 0; f++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                out.add(b);
                byte[] tail = Arrays.copyOf(valid, valid.length + 1 + random.nextInt(16));
                for (int t = valid.length; t < tail.length; t++) {
                    tail[t] = (byte) random.nextInt(256);
                }
                out.add(tail);
                out.add(garbage(valid.length * 2));
            }
            return out;
        }

        private DeltaRecord sampleRecord() {
            return compressor("dict", "gzip").diff(json("{\"a\":1,\"n\":{\"x\":[1,2]}}"),
                    json("{\"a\":2,\"n\":{\"x\":[1,2,3]},\"é\":\"ü\"}")).toBuilder().metadata("k", "v").build();
        }

        @Test
        @DisplayName("garbage, truncated and damaged wire records")
        void wireRecords() {
            byte[] wire = sampleRecord().toBytes();
            for (byte[] bad : damaged(wire, 300)) {
                onlyDeltaExceptions("DeltaRecord.fromBytes", bad, DeltaRecord::fromBytes);
            }
            for (int i = 0; i < 300; i++) {
                onlyDeltaExceptions("DeltaRecord.fromBytes", garbage(200), DeltaRecord::fromBytes);
            }
            // Damage behind a valid CRC reaches the field parsers.
            for (byte[] bad : damaged(wire, 300)) {
                if (bad.length >= 4) {
                    byte[] fixed = withCrc32c(bad);
                    onlyDeltaExceptions("DeltaRecord.fromBytes (CRC recomputed)", fixed, b -> {
                        DeltaRecord r = DeltaRecord.fromBytes(b);
                        r.toBytes();
                        r.toJson();
                    });
                }
            }
        }

        @Test
        @DisplayName("garbage, truncated and damaged JSON records")
        void jsonRecords() {
            byte[] json = sampleRecord().toJson().getBytes(StandardCharsets.UTF_8);
            for (byte[] bad : damaged(json, 400)) {
                onlyDeltaExceptions("DeltaRecord.fromJson", bad,
                        b -> DeltaRecord.fromJson(new String(b, StandardCharsets.UTF_8)));
            }
            String valid = sampleRecord().toJson();
            List<String> edits = List.of("\"index\":-1", "\"index\":99999999999", "\"index\":1.5", "\"level\":\"x\"",
                    "\"timestamp\":\"yesterday\"", "\"baseSha256\":\"zz\"", "\"payload\":\"!!!\"", "\"format\":2",
                    "\"strategy\":\"auto\"", "\"strategy\":\"BAD ID\"", "\"rawSize\":-5", "\"summary\":[]",
                    "\"metadata\":{\"k\":1}", "\"storedSize\":1", "\"index\":1e400", "\"changes\":-1");
            for (String edit : edits) {
                String key = edit.substring(0, edit.indexOf(':') + 1);
                int at = valid.indexOf(key);
                if (at < 0) {
                    continue;
                }
                int end = at + key.length();
                int depth = 0;
                boolean inString = false;
                while (end < valid.length()) {
                    char ch = valid.charAt(end);
                    if (ch == '"' && valid.charAt(end - 1) != '\\') {
                        inString = !inString;
                    } else if (!inString && (ch == '{' || ch == '[')) {
                        depth++;
                    } else if (!inString && (ch == '}' || ch == ']')) {
                        if (depth == 0) {
                            break;
                        }
                        depth--;
                    } else if (!inString && depth == 0 && ch == ',') {
                        break;
                    }
                    end++;
                }
                String edited = valid.substring(0, at) + edit + valid.substring(end);
                onlyDeltaExceptions("DeltaRecord.fromJson(" + edit + ")", edited.getBytes(StandardCharsets.UTF_8),
                        b -> DeltaRecord.fromJson(new String(b, StandardCharsets.UTF_8)));
            }
            for (String s : List.of("", "null", "[]", "{}", "\"x\"", "{\"format\":1}", "{", "{\"a\":1,\"a\":2}",
                    "[".repeat(5000), "{\"format\":1e999999999}")) {
                onlyDeltaExceptions("DeltaRecord.fromJson", s.getBytes(StandardCharsets.UTF_8),
                        b -> DeltaRecord.fromJson(new String(b, StandardCharsets.UTF_8)));
            }
        }

        @Test
        @DisplayName("garbage, truncated and damaged dict payloads through DictStrategy.apply")
        void dictPayloads() {
            DictStrategy dict = new DictStrategy();
            Map<String, Object> base = json("{\"a\":1,\"n\":{\"x\":[1,2]},\"r\":0}");
            byte[] payload = dict.diff(base, json("{\"a\":2,\"n\":{\"x\":[1,2,3],\"y\":null},\"s\":\"ü\"}"));
            for (byte[] bad : damaged(payload, 400)) {
                onlyDeltaExceptions("DictStrategy.apply", bad, b -> dict.apply(base, b, Limits.defaults()));
                onlyDeltaExceptions("DictStrategy.summary", bad, dict::summary);
                onlyDeltaExceptions("DictStrategy.compose", bad, b -> dict.compose(payload, b));
            }
            for (String s : List.of("{\"v\":1,\"set\":[]}", "{\"v\":1,\"remove\":[1]}", "{\"v\":1,\"remove\":{}}",
                    "{\"v\":1,\"nested\":{\"a\":1}}", "{\"v\":1,\"nested\":{\"zz\":{\"set\":{}}}}", "{\"v\":2}",
                    "{\"v\":1,\"set\":{\"a\":1},\"remove\":[\"a\"]}", "{\"v\":1,\"bogus\":1}", "{\"v\":\"1\"}", "[]",
                    "{\"v\":1,\"nested\":{\"a\":{\"v\":1}}}", "{\"v\":1,\"remove\":[\"a\",\"a\"]}",
                    "{\"v\":1,\"set\":{\"x\":" + "[".repeat(2000) + "]" .repeat(2000) + "}}")) {
                onlyDeltaExceptions("DictStrategy.apply(" + s + ")", s.getBytes(StandardCharsets.UTF_8),
                        b -> dict.apply(base, b, Limits.defaults()));
            }
        }

        @Test
        @DisplayName("garbage, truncated and damaged gzip payloads")
        void gzipPayloads() {
            Codec gzip = REGISTRY.codec("gzip");
            byte[] data = new byte[3000];
            random.nextBytes(data);
            Arrays.fill(data, 1000, 2500, (byte) 'x');
            byte[] encoded = gzip.encode(data, 6);
            for (byte[] bad : damaged(encoded, 400)) {
                onlyDeltaExceptions("gzip.decode", bad, b -> gzip.decode(b, Limits.defaults()));
            }
            for (int i = 0; i < 300; i++) {
                byte[] g = garbage(100);
                if (g.length >= 3 && random.nextBoolean()) {
                    g[0] = 0x1f;
                    g[1] = (byte) 0x8b;
                    g[2] = 8;
                }
                onlyDeltaExceptions("gzip.decode", g, b -> gzip.decode(b, Limits.defaults()));
            }
        }

        @Test
        @DisplayName("a length field claiming 2 GiB is refused without allocating it")
        void hugeLengthsRefusedCheaply() {
            DeltaRecord r = sampleRecord();
            byte[] wire = r.toBytes();
            int headerLength = readInt(wire, 6);
            int payloadLengthAt = 10 + headerLength;
            int payloadSizeAt = 10 + 4 + 8 + 4 + (1 + r.strategyId().length()) + (1 + r.stateFormatId().length())
                    + (1 + r.codecId().length()) + 4 + 8;
            int keyCountAt = payloadSizeAt + 8 + 32 + 32 + 1 + 8 + 8;
            assertEquals(r.affectedKeys().size(), readInt(wire, keyCountAt), "layout of the header as FORMAT.md says");
            for (int value : new int[] {0x7fffffff, 0x80000000, 0xffffffff, 0x7ffffff0}) {
                int v = value;
                expectRefusedCheaply("header length", withCrc32c(writeInt(wire, 6, v)));
                expectRefusedCheaply("payload length", withCrc32c(writeInt(wire, payloadLengthAt, v)));
                expectRefusedCheaply("affected key count", withCrc32c(writeInt(wire, keyCountAt, v)));
                expectRefusedCheaply("affected key length", withCrc32c(writeInt(wire, keyCountAt + 4, v)));
                byte[] payloadSize = writeInt(writeInt(wire, payloadSizeAt, 0), payloadSizeAt + 4, v);
                expectRefusedCheaply("payload size", withCrc32c(payloadSize));
            }
            // A gzip member whose trailer claims 2 GiB - 1 of output.
            Codec gzip = REGISTRY.codec("gzip");
            byte[] gz = gzip.encode(new byte[100], 6);
            byte[] lying = gz.clone();
            lying[lying.length - 4] = (byte) 0xff;
            lying[lying.length - 3] = (byte) 0xff;
            lying[lying.length - 2] = (byte) 0xff;
            lying[lying.length - 1] = (byte) 0x7f;
            expectRefusedCheaply("gzip ISIZE", lying, b -> gzip.decode(b, Limits.defaults()));
            // A real bomb: far more output than the limit allows is refused near the limit.
            byte[] bomb = gzip.encode(new byte[8 << 20], 9);
            LimitExceededException e = assertThrows(LimitExceededException.class,
                    () -> gzip.decode(bomb, Limits.defaults().withMaxPayloadBytes(1 << 20)));
            assertTrue(e.getMessage().contains("maxPayloadBytes") || e.getMessage().contains("limit"), e.getMessage());
        }

        private void expectRefusedCheaply(String what, byte[] wire) {
            expectRefusedCheaply(what, wire, DeltaRecord::fromBytes);
        }

        private void expectRefusedCheaply(String what, byte[] input, Consumer<byte[]> decoder) {
            long before = allocatedBytes();
            try {
                decoder.accept(input);
                fail(what + ": a 2 GiB length was accepted");
            } catch (CorruptDeltaException | LimitExceededException expected) {
                // refused
            } catch (OutOfMemoryError | RuntimeException e) {
                fail(what + ": leaked " + e, e);
            }
            long allocated = allocatedBytes() - before;
            if (before >= 0) {
                assertTrue(allocated < (64L << 20), what + ": allocated " + allocated + " bytes to refuse it");
            }
        }

        private static long allocatedBytes() {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
                return t.getThreadAllocatedBytes(Thread.currentThread().getId());
            }
            return -1;
        }
    }

    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    static byte[] writeInt(byte[] b, int at, int v) {
        byte[] out = b.clone();
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
        return out;
    }

    /** Replaces the last four bytes with the CRC32C of the others, as a valid record ends. */
    static byte[] withCrc32c(byte[] wire) {
        CRC32C crc = new CRC32C();
        crc.update(wire, 0, wire.length - 4);
        return writeInt(wire, wire.length - 4, (int) crc.getValue());
    }

    static String hexPreview(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 24); i++) {
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s + (b.length > 24 ? "..." : "");
    }

    // ---- 5 ------------------------------------------------------------------------------------

    @Nested
    @DisplayName("defect 5: 1 == 1.0, but true != 1")
    class JsonEquality {
        // In Python 1 == 1.0 == True, so the original saw no change between {a:1} and {a:true}
        // (and none between {a:0} and {a:false}).

        @Test
        @DisplayName("a dict diff between {a:1} and {a:1.0} is empty; between {a:1} and {a:true} it is not")
        void dictDiffs() {
            DeltaCompressor<Map<String, Object>> c = compressor("dict", "gzip");
            Map<String, Object> one = new LinkedHashMap<>(Map.of("a", 1));
            Map<String, Object> oneDouble = new LinkedHashMap<>(Map.of("a", 1.0));
            Map<String, Object> oneDecimal = new LinkedHashMap<>(Map.of("a", new BigDecimal("1.000")));
            Map<String, Object> oneLong = new LinkedHashMap<>(Map.of("a", 1L));
            Map<String, Object> yes = new LinkedHashMap<>(Map.of("a", true));
            for (Map<String, Object> same : List.of(oneDouble, oneDecimal, oneLong)) {
                DeltaRecord r = c.diff(one, same);
                assertTrue(r.isEmpty(), same.toString());
                assertEquals(0, r.changes(), same.toString());
                assertEquals(0, r.removals());
                assertEquals("true", r.metadata().get("empty"));
            }
            DeltaRecord r = c.diff(one, yes);
            assertFalse(r.isEmpty());
            assertEquals(1, r.changes());
            assertEquals(List.of("/a"), r.affectedKeys());
            assertEquals(true, c.apply(one, r).get("a"));
            DeltaRecord zero = c.diff(Map.of("a", 0), Map.of("a", false));
            assertFalse(zero.isEmpty());
            assertEquals(false, c.apply(Map.of("a", 0), zero).get("a"));
            // Nested, and inside lists.
            assertTrue(c.diff(json("{\"n\":{\"x\":[1,2]}}"), Map.of("n", Map.of("x", List.of(1.0, 2.0)))).isEmpty());
            assertFalse(c.diff(json("{\"n\":{\"x\":[1,0]}}"), Map.of("n", Map.of("x", List.of(true, false)))).isEmpty());
            // And the chain's empty-delta detection agrees.
            DeltaChain<Map<String, Object>> chain = chainWith(JsonFormats.map(), "dict").build();
            chain.add(one);
            chain.add(oneDouble);
            chain.add(yes);
            assertTrue(chain.deltaAt(1).orElseThrow().isEmpty());
            assertFalse(chain.deltaAt(2).orElseThrow().isEmpty());
            assertEquals(true, chain.stateAt(2).get("a"));
        }

        @Test
        @DisplayName("JsonValues.equal compares by JSON semantics")
        void jsonValuesEqual() {
            assertTrue(JsonValues.equal(1, 1.0));
            assertTrue(JsonValues.equal(1, 1L));
            assertTrue(JsonValues.equal(1, new BigDecimal("1.00")));
            assertTrue(JsonValues.equal(1, BigInteger.ONE));
            assertTrue(JsonValues.equal(0, -0.0));
            assertTrue(JsonValues.equal(0.1, new BigDecimal("0.1")));
            assertTrue(JsonValues.equal(1e21, new BigDecimal("1e21")));
            assertTrue(JsonValues.equal(Map.of("a", 1, "b", 2), new LinkedHashMap<>(Map.of("b", 2.0, "a", 1))));
            assertTrue(JsonValues.equal(List.of(1, 2), List.of(1.0, 2.0)));
            assertFalse(JsonValues.equal(true, 1));
            assertFalse(JsonValues.equal(1, true));
            assertFalse(JsonValues.equal(false, 0));
            assertFalse(JsonValues.equal(1.0, true));
            assertFalse(JsonValues.equal("1", 1));
            assertFalse(JsonValues.equal(null, false));
            assertFalse(JsonValues.equal(null, 0));
            assertFalse(JsonValues.equal("", null));
            assertFalse(JsonValues.equal(List.of(1), List.of(true)));
            assertFalse(JsonValues.equal(List.of(1, 2), List.of(2, 1)), "arrays are ordered");
            assertFalse(JsonValues.equal(Map.of("a", 1), Map.of("a", true)));
            assertNotEquals(CanonicalJson.toString(1), CanonicalJson.toString(true));
            assertEquals(CanonicalJson.toString(1), CanonicalJson.toString(1.0));
            assertTrue(JsonValues.equal(new BigInteger("9007199254740993"), 9007199254740993L));
            assertFalse(JsonValues.equal(new BigInteger("9007199254740993"), 9007199254740992.0),
                    "no double rounding above 2^53");
        }
    }

    // ---- 6 ------------------------------------------------------------------------------------

    @Nested
    @DisplayName("defect 6: no shallow copies")
    class NoSharedState {
        // The original stored dict(state) (a shallow copy), so nested maps and lists were shared
        // between the caller and the chain's history.

        private Map<String, Object> state() {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("list", new ArrayList<>(List.of(1, 2, 3)));
            inner.put("name", "x");
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("inner", inner);
            s.put("top", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("k", "v")))));
            return s;
        }

        @SuppressWarnings("unchecked")
        private static void mutateNested(Map<String, Object> s) {
            Map<String, Object> inner = (Map<String, Object>) s.get("inner");
            ((List<Object>) inner.get("list")).add(99);
            ((List<Object>) inner.get("list")).set(0, "changed");
            inner.put("name", "mutated");
            inner.put("new", true);
            List<Object> top = (List<Object>) s.get("top");
            ((Map<String, Object>) top.get(0)).put("k", "mutated");
            top.add("more");
        }

        @Test
        @DisplayName("mutating a state after add() does not change stored history")
        void afterAdd() {
            for (String strategy : List.of("dict", "none", "append-only")) {
                for (ChainPolicy policy : List.of(ChainPolicy.keepAll(), ChainPolicy.mergeAfter(10))) {
                    DeltaChain<Map<String, Object>> chain = chainWith(JsonFormats.map(), strategy).policy(policy)
                            .build();
                    Map<String, Object> v0 = state();
                    chain.add(v0);
                    mutateNested(v0);
                    Map<String, Object> v1 = state();
                    v1.put("version", 1);
                    chain.add(v1);
                    mutateNested(v1);
                    String where = strategy + "/" + policy;
                    assertJsonEquals(state(), chain.stateAt(0), where + " version 0");
                    assertJsonEquals(state(), chain.base().orElseThrow(), where + " base");
                    Map<String, Object> expected1 = state();
                    expected1.put("version", 1);
                    assertJsonEquals(expected1, chain.stateAt(1), where + " version 1");
                    assertJsonEquals(expected1, chain.current().orElseThrow(), where + " current");
                    assertTrue(chain.verify().ok(), () -> chain.verify().problems().toString());
                }
            }
        }

        @Test
        @DisplayName("mutating what stateAt(), current() and base() returned does not change stored history")
        void afterRead() {
            DeltaChain<Map<String, Object>> chain = chainWith(JsonFormats.map(), "dict").snapshotEvery(1).build();
            chain.add(state());
            Map<String, Object> v1 = state();
            v1.put("version", 1);
            chain.add(v1);
            Map<String, Object> expected1 = state();
            expected1.put("version", 1);
            for (int round = 0; round < 2; round++) {
                mutateNested(chain.stateAt(0));
                mutateNested(chain.stateAt(1));
                mutateNested(chain.current().orElseThrow());
                mutateNested(chain.base().orElseThrow());
                assertJsonEquals(state(), chain.stateAt(0), "version 0 after round " + round);
                assertJsonEquals(expected1, chain.stateAt(1), "version 1 after round " + round);
                assertJsonEquals(expected1, chain.current().orElseThrow(), "current after round " + round);
            }
            assertTrue(chain.verify().ok(), () -> chain.verify().problems().toString());
        }

        @Test
        @DisplayName("a byte chain copies arrays in and out")
        void byteArrays() {
            DeltaChain<byte[]> chain = chainWith(StateFormats.bytes(), "append-only").build();
            byte[] v0 = {1, 2, 3};
            chain.add(v0);
            v0[0] = 9;
            chain.stateAt(0)[1] = 9;
            chain.current().orElseThrow()[2] = 9;
            assertArrayEquals(new byte[] {1, 2, 3}, chain.stateAt(0));
            assertArrayEquals(new byte[] {1, 2, 3}, chain.current().orElseThrow());
        }

        @Test
        @DisplayName("apply never shares nested objects with its base")
        void applyDoesNotShare() {
            DeltaStrategy<Map<String, Object>> dict = new DictStrategy();
            DeltaCompressor<Map<String, Object>> c = compressor("dict", "gzip");
            Map<String, Object> base = state();
            Map<String, Object> target = state();
            target.put("version", 1);
            Map<String, Object> viaStrategy = dict.apply(base, dict.diff(base, target), Limits.defaults());
            Map<String, Object> viaCompressor = c.apply(base, c.diff(base, target));
            mutateNested(viaStrategy);
            mutateNested(viaCompressor);
            assertJsonEquals(state(), base, "base after mutating apply results");
        }
    }
}
