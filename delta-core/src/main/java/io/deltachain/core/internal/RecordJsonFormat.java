package io.deltachain.core.internal;

import io.deltachain.core.DeltaRecord;
import io.deltachain.json.CanonicalJson;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.InconsistentRecordException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON form of a record (docs/FORMAT.md, "Record JSON form"), written as canonical JSON. */
public final class RecordJsonFormat {
    /** Value of the {@code format} member. */
    public static final int VERSION = 1;

    /** The members of format 1, in the order {@link #write} puts them before canonical sorting. */
    private static final List<String> MEMBERS = List.of("format", "index", "timestamp", "strategy", "stateFormat",
            "codec", "level", "rawSize", "payloadSize", "storedSize", "baseSha256", "targetSha256", "summary",
            "metadata", "payload");
    private static final List<String> SUMMARY_MEMBERS = List.of("known", "changes", "removals", "affectedKeys");

    private RecordJsonFormat() {
    }

    /**
     * @param r a record
     * @return its canonical JSON text
     */
    public static String write(DeltaRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", VERSION);
        m.put("index", r.index());
        m.put("timestamp", r.timestamp().toString());
        m.put("strategy", r.strategyId());
        m.put("stateFormat", r.stateFormatId());
        m.put("codec", r.codecId());
        m.put("level", r.codecLevel());
        m.put("rawSize", r.rawSize());
        m.put("payloadSize", r.payloadSize());
        m.put("storedSize", r.storedSize());
        m.put("baseSha256", r.baseHashHex());
        m.put("targetSha256", r.targetHashHex());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("known", r.summary().known());
        s.put("changes", r.summary().changes());
        s.put("removals", r.summary().removals());
        s.put("affectedKeys", r.summary().affectedKeys());
        m.put("summary", s);
        m.put("metadata", r.metadata());
        m.put("payload", Base64.getEncoder().encodeToString(r.payload()));
        return CanonicalJson.toString(m);
    }

    /**
     * @param json text, possibly malformed
     * @param limits bounds
     * @return the record
     */
    public static DeltaRecord read(String json, Limits limits) {
        Map<String, Object> m = CanonicalJson.parseObject(json.getBytes(StandardCharsets.UTF_8), limits);
        try {
            long format = integer(m, "format");
            if (format != VERSION) {
                throw new CorruptDeltaException("record JSON format " + format + " is not supported (this build reads "
                        + VERSION + ")");
            }
            onlyKnown(m, MEMBERS, "");
            limits.checkPayloadSize(integer(m, "payloadSize"), "record payload (before the codec)");
            byte[] payload;
            try {
                payload = Base64.getDecoder().decode(string(m, "payload"));
            } catch (IllegalArgumentException e) {
                throw new CorruptDeltaException("record JSON member 'payload' is not base64 in the standard alphabet"
                        + " with padding (RFC 4648 section 4): " + e.getMessage(), e);
            }
            limits.checkPayloadSize(payload.length, "record payload");
            Map<String, Object> s = object(m, "summary");
            onlyKnown(s, SUMMARY_MEMBERS, "summary.");
            List<String> keys = new ArrayList<>();
            List<?> listed = list(s, "affectedKeys");
            if (listed.size() > DeltaRecord.MAX_AFFECTED_KEYS) {
                throw new CorruptDeltaException("record JSON member 'summary.affectedKeys' lists " + listed.size()
                        + " keys, above the " + DeltaRecord.MAX_AFFECTED_KEYS + " a record holds");
            }
            for (Object key : listed) {
                if (!(key instanceof String k)) {
                    throw new CorruptDeltaException("record JSON member 'summary.affectedKeys' must hold strings");
                }
                keys.add(k);
            }
            Map<String, String> meta = new TreeMap<>();
            Map<String, Object> metadata = object(m, "metadata");
            if (metadata.size() > DeltaRecord.MAX_METADATA_ENTRIES) {
                throw new CorruptDeltaException("record JSON member 'metadata' has " + metadata.size()
                        + " entries, above the " + DeltaRecord.MAX_METADATA_ENTRIES + " a record holds");
            }
            for (Map.Entry<String, Object> e : metadata.entrySet()) {
                if (!(e.getValue() instanceof String v)) {
                    throw new CorruptDeltaException("record JSON metadata '" + e.getKey() + "' must be a string");
                }
                meta.put(e.getKey(), v);
            }
            Object known = s.get("known");
            if (!(known instanceof Boolean)) {
                throw new CorruptDeltaException("record JSON member 'summary.known' must be true or false");
            }
            if (!(Boolean) known && !keys.isEmpty()) {
                throw new CorruptDeltaException("record JSON member 'summary' is not known but lists " + keys.size()
                        + " affected keys");
            }
            int index = Math.toIntExact(integer(m, "index"));
            RecordWireFormat.checkRawSize(index, integer(m, "rawSize"));
            DeltaRecord r = DeltaRecord.builder()
                    .index(index)
                    .timestamp(Instant.parse(string(m, "timestamp")))
                    .strategyId(string(m, "strategy"))
                    .stateFormatId(string(m, "stateFormat"))
                    .codec(string(m, "codec"), Math.toIntExact(integer(m, "level")))
                    .rawSize(integer(m, "rawSize"))
                    .payloadSize(integer(m, "payloadSize"))
                    .baseHash(hash(m, "baseSha256"))
                    .targetHash(hash(m, "targetSha256"))
                    .summary(new PatchSummary((Boolean) known, integer(s, "changes"), integer(s, "removals"), keys))
                    .metadata(meta)
                    .payload(payload)
                    .build();
            if (m.containsKey("storedSize") && integer(m, "storedSize") != r.storedSize()) {
                throw new InconsistentRecordException("storedSize", m.get("storedSize"), r.storedSize(),
                        InconsistentRecordException.describe(r.index(), "storedSize", m.get("storedSize"),
                                "its payload has " + r.storedSize() + " bytes"));
            }
            return r;
        } catch (CorruptDeltaException | LimitExceededException e) {
            throw e;
        } catch (DeltaException | IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw new CorruptDeltaException("record JSON is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a member format 1 does not define: a reader that skipped it would drop what a writer meant
     * (a later format that adds members says so in {@code format}), and a forged record could carry
     * anything there unnoticed.
     */
    private static void onlyKnown(Map<String, Object> m, List<String> known, String prefix) {
        for (String name : m.keySet()) {
            if (!known.contains(name)) {
                throw new CorruptDeltaException("record JSON has member '" + prefix + name + "', which format " + VERSION
                        + " does not define (its members: " + String.join(", ", known) + "); the record was edited,"
                        + " or written by a later build");
            }
        }
    }

    private static Object member(Map<String, Object> m, String name) {
        if (!m.containsKey(name)) {
            throw new CorruptDeltaException("record JSON lacks member '" + name + "'");
        }
        return m.get(name);
    }

    private static String string(Map<String, Object> m, String name) {
        if (member(m, name) instanceof String s) {
            return s;
        }
        throw new CorruptDeltaException("record JSON member '" + name + "' must be a string");
    }

    /** 64 lower-case hex digits, as the writer makes them. */
    private static byte[] hash(Map<String, Object> m, String name) {
        String hex = string(m, name);
        if (hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new CorruptDeltaException("record JSON member '" + name + "' must be 64 lower-case hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }

    private static long integer(Map<String, Object> m, String name) {
        Object v = member(m, name);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() <= 63) {
            return b.longValue();
        }
        throw new CorruptDeltaException("record JSON member '" + name + "' must be an integer in the range of a long");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> m, String name) {
        if (member(m, name) instanceof Map<?, ?> o) {
            return (Map<String, Object>) o;
        }
        throw new CorruptDeltaException("record JSON member '" + name + "' must be an object");
    }

    private static List<?> list(Map<String, Object> m, String name) {
        if (member(m, name) instanceof List<?> l) {
            return l;
        }
        throw new CorruptDeltaException("record JSON member '" + name + "' must be an array");
    }
}
