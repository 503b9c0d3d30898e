package io.deltachain.tests.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.json.JsonFormats;
import io.deltachain.api.DeltaException;
import io.deltachain.api.PatchSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Records round-trip through their binary wire form and their JSON form, and the wire form is
 * deterministic: records made by the compressor from random maps, and records assembled with
 * random fields (ids, unicode metadata and affected keys, timestamps from {@link Instant#MIN} to
 * {@link Instant#MAX} with nanoseconds, sizes up to {@link Long#MAX_VALUE}). QuickTheories prints the
 * seed of a failure; rerun it with {@code -DQT_SEED=N}.
 */
class WireFormatPropertiesTest {
    private static final int EXAMPLES = 300;

    @Test
    void compressorRecordsRoundTrip() {
        List<String> strategies = RoundTripPropertiesTest.strategiesFor(JsonFormats.map());
        Gen<DeltaRecord> records = rs -> {
            List<Map<String, Object>> pair = Generators.mapPairs().generate(rs);
            String strategy = strategies.get(Generators.range(rs, 0, strategies.size() - 1));
            boolean gzip = Generators.chance(rs, 60);
            Instant t = Instant.ofEpochSecond(Generators.longRange(rs, 0, 4_000_000_000L),
                    Generators.range(rs, 0, 999_999_999));
            DeltaRecord r = DeltaCompressor.builder(JsonFormats.map()).registry(RoundTripPropertiesTest.REGISTRY)
                    .strategy(strategy).codec(gzip ? "gzip" : "identity").level(gzip ? Generators.range(rs, 1, 9) : 0)
                    .clock(Clock.fixed(t, ZoneOffset.UTC)).build().diff(pair.get(0), pair.get(1));
            return r.withIndex(Generators.range(rs, 0, 1000));
        };
        qt().withExamples(EXAMPLES).forAll(records.describedAs(DeltaRecord::toJson)).checkAssert(this::roundTrips);
    }

    @Test
    void builtRecordsRoundTrip() {
        Gen<DeltaRecord> records = WireFormatPropertiesTest::randomRecord;
        qt().withExamples(EXAMPLES * 2).forAll(records.describedAs(DeltaRecord::toJson)).checkAssert(this::roundTrips);
    }

    @Test
    void sameFieldsGiveSameBytes() {
        Gen<DeltaRecord> records = WireFormatPropertiesTest::randomRecord;
        qt().withExamples(EXAMPLES).forAll(records.describedAs(DeltaRecord::toJson)).checkAssert(a -> {
            // The same fields, assembled twice (metadata inserted in opposite orders), give the same bytes.
            DeltaRecord.Builder reversed = a.toBuilder();
            List<Map.Entry<String, String>> entries = new ArrayList<>(a.metadata().entrySet());
            java.util.Collections.reverse(entries);
            DeltaRecord b = DeltaRecord.builder().index(a.index()).timestamp(a.timestamp()).strategyId(a.strategyId())
                    .stateFormatId(a.stateFormatId()).codec(a.codecId(), a.codecLevel()).payload(a.payload())
                    .rawSize(a.rawSize()).payloadSize(a.payloadSize()).baseHash(a.baseHash()).targetHash(a.targetHash())
                    .summary(a.summary()).build();
            DeltaRecord.Builder withMeta = b.toBuilder();
            entries.forEach(e -> withMeta.metadata(e.getKey(), e.getValue()));
            b = withMeta.build();
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertArrayEquals(a.toBytes(), b.toBytes());
            assertEquals(a.toJson(), b.toJson());
            assertEquals(a, reversed.build());
        });
    }

    private void roundTrips(DeltaRecord r) {
        byte[] wire = r.toBytes();
        assertArrayEquals(wire, r.toBytes(), "toBytes is deterministic");
        assertEquals(wire.length, r.wireSize(), "wireSize is the length of toBytes");
        assertTrue(DeltaRecord.matches(wire), "the wire form matches");
        DeltaRecord fromWire = DeltaRecord.fromBytes(wire);
        assertEquals(r, fromWire, "wire round trip");
        assertEquals(r.hashCode(), fromWire.hashCode());
        assertArrayEquals(wire, fromWire.toBytes(), "wire bytes are stable across a round trip");
        String json = r.toJson();
        assertEquals(json, r.toJson(), "toJson is deterministic");
        DeltaRecord fromJson = DeltaRecord.fromJson(json);
        assertEquals(r, fromJson, "JSON round trip");
        assertArrayEquals(wire, fromJson.toBytes(), "JSON and wire forms carry the same record");
        assertEquals(json, DeltaRecord.fromBytes(wire).toJson());
    }

    static DeltaRecord randomRecord(RandomnessSource rs) {
        DeltaRecord.Builder b = DeltaRecord.builder();
        b.index(Generators.chance(rs, 20) ? Integer.MAX_VALUE : Generators.range(rs, 0, Integer.MAX_VALUE));
        long seconds = Generators.chance(rs, 15)
                ? (Generators.chance(rs, 50) ? Instant.MIN.getEpochSecond() : Instant.MAX.getEpochSecond())
                : Generators.chance(rs, 50) ? Generators.longRange(rs, -62_135_596_800L, 253_402_300_799L) // years 1..9999
                : Generators.longRange(rs, Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
        int nanos = switch (Generators.range(rs, 0, 3)) {
            case 0 -> 0;
            case 1 -> 999_999_999;
            case 2 -> Generators.range(rs, 0, 999) * 1_000_000;
            default -> Generators.range(rs, 0, 999_999_999);
        };
        b.timestamp(Instant.ofEpochSecond(seconds, nanos));
        b.strategyId(Generators.id(rs)).stateFormatId(Generators.id(rs));
        b.codec(Generators.id(rs), Generators.chance(rs, 20) ? Generators.range(rs, Integer.MIN_VALUE, Integer.MAX_VALUE)
                : Generators.range(rs, 0, 22));
        b.payload(Generators.bytes(rs, Generators.chance(rs, 10) ? 5000 : 64));
        b.rawSize(Generators.chance(rs, 20) ? Integer.MAX_VALUE : Generators.longRange(rs, 0, Integer.MAX_VALUE));
        b.payloadSize(Generators.chance(rs, 20) ? 0 : Generators.longRange(rs, 0, 256L << 20));
        byte[] base = new byte[32];
        byte[] target = new byte[32];
        for (int i = 0; i < 32; i++) {
            base[i] = (byte) Generators.range(rs, 0, 255);
            target[i] = Generators.chance(rs, 10) ? base[i] : (byte) Generators.range(rs, 0, 255);
        }
        b.baseHash(base).targetHash(target);
        List<String> keys = new ArrayList<>();
        int keyCount = Generators.range(rs, 0, 6);
        for (int i = 0; i < keyCount; i++) {
            keys.add(Generators.chance(rs, 50) ? "/" + Generators.key(rs).replace("~", "~0").replace("/", "~1")
                    : Generators.string(rs, 20));
        }
        boolean known = Generators.chance(rs, 80);
        b.summary(new PatchSummary(known, Generators.longRange(rs, 0, Long.MAX_VALUE),
                Generators.chance(rs, 30) ? 0 : Generators.longRange(rs, 0, Long.MAX_VALUE), keys));
        Map<String, String> metadata = new TreeMap<>();
        int metaCount = Generators.range(rs, 0, 5);
        for (int i = 0; i < metaCount; i++) {
            metadata.put(Generators.chance(rs, 30) ? Generators.key(rs) : Generators.string(rs, 10),
                    Generators.string(rs, 30));
        }
        b.metadata(metadata);
        return b.build();
    }

    /**
     * A record holding a string that is not valid Unicode (a lone surrogate in metadata or in an
     * affected key) is refused with a {@link DeltaException}, or round-trips exactly; never is it
     * silently altered by the wire form.
     */
    @Test
    void loneSurrogatesAreRefusedOrKept() {
        DeltaRecord.Builder b = DeltaRecord.builder().timestamp(Instant.EPOCH).strategyId("dict")
                .stateFormatId("json-map").codec("identity", 0).payload(new byte[0]).baseHash(new byte[32])
                .targetHash(new byte[32]);
        Map<String, DeltaRecord.Builder> cases = new TreeMap<>();
        cases.put("metadata value", copy(b).metadata("k", "lone \uD800 surrogate"));
        cases.put("metadata key", copy(b).metadata("\uDC00", "v"));
        cases.put("affected key", copy(b).summary(PatchSummary.of(1, 0, List.of("/\uD83D"))));
        List<String> altered = new ArrayList<>();
        cases.forEach((what, c) -> {
            DeltaRecord r;
            byte[] wire;
            try {
                r = c.build();
                wire = r.toBytes();
            } catch (DeltaException refused) {
                return;
            }
            DeltaRecord back = DeltaRecord.fromBytes(wire);
            if (!r.equals(back)) {
                altered.add(what + ": " + escape(r.metadata() + " " + r.affectedKeys()) + " came back as "
                        + escape(back.metadata() + " " + back.affectedKeys()));
            }
        });
        assertEquals(List.of(), altered, "records silently altered by toBytes/fromBytes");
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(ch -> out.append(ch < 0x20 || ch > 0x7e ? String.format("\\u%04X", ch) : String.valueOf((char) ch)));
        return out.toString();
    }

    private static DeltaRecord.Builder copy(DeltaRecord.Builder b) {
        return b.build().toBuilder();
    }
}
