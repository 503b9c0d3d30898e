package io.deltachain.core;

import io.deltachain.core.internal.RecordJsonFormat;
import io.deltachain.core.internal.RecordWireFormat;
import io.deltachain.core.internal.Sha256;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One delta between two states, as stored and sent: which strategy, state format and codec made it,
 * the encoded payload, sizes, the SHA-256 of the base's and the target's canonical bytes (checked
 * before and after every apply), what it changes, and free-form metadata.
 *
 * <p>Immutable and thread-safe: byte arrays are copied in and out; equality is by value. Two forms:
 * {@link #toBytes()} (the versioned binary wire format with a CRC32C, specified in
 * {@code docs/FORMAT.md}) and {@link #toJson()}. The same record always gives the same bytes;
 * {@link #matches(byte[])} tells the wire format from other bytes.
 *
 * <p>Sizes: {@link #rawSize()} is the target state's canonical bytes, {@link #payloadSize()} the
 * payload before the codec, {@link #storedSize()} the payload after it, and {@link #wireSize()} the
 * whole record as stored and sent (header, payload and CRC). {@link #compressionRatio()} counts the
 * whole record, so it is what a delta really saves; {@link #payloadRatio()} leaves the header out.
 */
public final class DeltaRecord {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final int index;
    private final Instant timestamp;
    private final String strategyId;
    private final String stateFormatId;
    private final String codecId;
    private final int codecLevel;
    private final byte[] payload;
    private final long rawSize;
    private final long payloadSize;
    private final byte[] baseHash;
    private final byte[] targetHash;
    private final PatchSummary summary;
    private final SortedMap<String, String> metadata;
    private final long wireSize;

    /**
     * The most affected keys a record lists: a summary with more is stored as not known (its counts
     * kept, its keys dropped), so that every record reads back (1,048,576).
     */
    public static final int MAX_AFFECTED_KEYS = 1 << 20;
    /** The most metadata entries a record holds (65,536); more is refused when it is built or read. */
    public static final int MAX_METADATA_ENTRIES = 1 << 16;

    private DeltaRecord(Builder b) {
        this.index = b.index;
        this.timestamp = Objects.requireNonNull(b.timestamp, "timestamp");
        this.strategyId = checkId("strategy", b.strategyId);
        this.stateFormatId = checkId("state format", b.stateFormatId);
        this.codecId = checkId("codec", b.codecId);
        this.codecLevel = b.codecLevel;
        this.payload = Objects.requireNonNull(b.payload, "payload").clone();
        this.rawSize = b.rawSize;
        this.payloadSize = b.payloadSize;
        this.baseHash = checkHash("base", b.baseHash);
        this.targetHash = checkHash("target", b.targetHash);
        this.summary = storable(Objects.requireNonNull(b.summary, "summary"));
        this.metadata = Collections.unmodifiableSortedMap(new TreeMap<>(b.metadata));
        if (index < 0 || rawSize < 0 || payloadSize < 0) {
            throw new DeltaConfigurationException("record index and sizes must not be negative: index=" + index
                    + ", rawSize=" + rawSize + ", payloadSize=" + payloadSize);
        }
        if (rawSize > Integer.MAX_VALUE) { // what reading refuses is never built
            throw new DeltaConfigurationException("record raw size " + rawSize + " is above " + Integer.MAX_VALUE
                    + ", the largest state any build can hold (the largest Java array)");
        }
        if (strategyId.equals("auto")) {
            throw new DeltaConfigurationException("a record names the strategy actually used, never 'auto'");
        }
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw new DeltaConfigurationException("a record holds at most " + MAX_METADATA_ENTRIES
                    + " metadata entries, not " + metadata.size());
        }
        metadata.forEach((k, v) -> {
            Objects.requireNonNull(v, () -> "metadata value of '" + k + "'");
            checkUnicode("metadata key", k);
            checkUnicode("metadata value of '" + k + "'", v);
        });
        summary.affectedKeys().forEach(k -> checkUnicode("affected key", k));
        this.wireSize = RecordWireFormat.size(this);
    }

    /**
     * @param summary a strategy's summary
     * @return it, or, when it lists more than {@link #MAX_AFFECTED_KEYS} keys or is not known, a summary
     *     that is not known, with the same counts and no keys (a reader then checks nothing of it; a
     *     summary that is not known lists no keys)
     */
    public static PatchSummary storable(PatchSummary summary) {
        boolean keep = summary.affectedKeys().isEmpty()
                || (summary.known() && summary.affectedKeys().size() <= MAX_AFFECTED_KEYS);
        return keep ? summary : new PatchSummary(false, summary.changes(), summary.removals(), List.of());
    }

    private static void checkUnicode(String what, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new DeltaConfigurationException(what + " has a lone surrogate at index " + i
                        + "; records hold valid Unicode only");
            }
        }
    }

    private static String checkId(String what, String id) {
        Objects.requireNonNull(id, what + " id");
        if (!ID.matcher(id).matches()) {
            throw new DeltaConfigurationException(what + " id '" + id
                    + "' must be 1 to 64 lower-case letters, digits or '-', starting with a letter");
        }
        return id;
    }

    private static byte[] checkHash(String what, byte[] hash) {
        Objects.requireNonNull(hash, what + " hash");
        if (hash.length != Sha256.LENGTH) {
            throw new DeltaConfigurationException(what + " hash must be " + Sha256.LENGTH + " bytes, got " + hash.length);
        }
        return hash.clone();
    }

    /** @return a builder with every field unset (sizes 0, empty metadata, unknown summary) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this record's fields */
    public Builder toBuilder() {
        return new Builder().index(index).timestamp(timestamp).strategyId(strategyId).stateFormatId(stateFormatId)
                .codec(codecId, codecLevel).payload(payload).rawSize(rawSize).payloadSize(payloadSize)
                .baseHash(baseHash).targetHash(targetHash).summary(summary).metadata(metadata);
    }

    /**
     * @param newIndex the version this record produces in its chain
     * @return a copy with that index
     */
    public DeltaRecord withIndex(int newIndex) {
        return newIndex == index ? this : toBuilder().index(newIndex).build();
    }

    /**
     * Reads the binary wire format with default {@link Limits}.
     *
     * @param wire bytes from {@link #toBytes()}, possibly corrupt
     * @return the record
     * @throws io.deltachain.api.CorruptDeltaException on bad magic, version, length or CRC
     */
    public static DeltaRecord fromBytes(byte[] wire) {
        return fromBytes(wire, Limits.defaults());
    }

    /**
     * @param wire bytes from {@link #toBytes()}, possibly corrupt
     * @param limits bounds on the payload size
     * @return the record
     * @throws io.deltachain.api.CorruptDeltaException on bad magic, version, length or CRC
     * @throws io.deltachain.api.InconsistentRecordException when the header claims a raw size no state can have
     * @throws io.deltachain.api.LimitExceededException when the payload is above the limit
     */
    public static DeltaRecord fromBytes(byte[] wire, Limits limits) {
        return RecordWireFormat.read(wire, limits);
    }

    /** @return the binary wire format (see {@code docs/FORMAT.md}); deterministic */
    public byte[] toBytes() {
        return RecordWireFormat.write(this);
    }

    /**
     * Tells a record's wire bytes from other bytes by the magic at their start ({@code DLTR}), without
     * reading further: a {@code true} is no promise that {@link #fromBytes} will succeed.
     *
     * @param bytes anything (null and short arrays are not records)
     * @return whether {@code bytes} start like the record wire format
     */
    public static boolean matches(byte[] bytes) {
        return RecordWireFormat.matches(bytes);
    }

    /** @return the JSON form: canonical JSON, payload in base64, hashes in hex */
    public String toJson() {
        return RecordJsonFormat.write(this);
    }

    /**
     * @param json text from {@link #toJson()}
     * @return the record
     * @throws io.deltachain.api.CorruptDeltaException when a field is missing or malformed
     */
    public static DeltaRecord fromJson(String json) {
        return fromJson(json, Limits.defaults());
    }

    /**
     * @param json text from {@link #toJson()}
     * @param limits bounds on parsing and the payload size
     * @return the record
     * @throws io.deltachain.api.CorruptDeltaException when a member is missing, malformed or unknown
     * @throws io.deltachain.api.InconsistentRecordException when the header claims a raw size no state can have,
     *     or a {@code storedSize} the payload does not have
     */
    public static DeltaRecord fromJson(String json, Limits limits) {
        return RecordJsonFormat.read(json, limits);
    }

    /** @return the version this record produces in its chain (0 outside a chain) */
    public int index() {
        return index;
    }

    /** @return when the record was made, from the compressor's clock */
    public Instant timestamp() {
        return timestamp;
    }

    /** @return the strategy that made the payload (never {@code auto}) */
    public String strategyId() {
        return strategyId;
    }

    /** @return the id of the state format of base and target */
    public String stateFormatId() {
        return stateFormatId;
    }

    /** @return the codec that encoded the payload */
    public String codecId() {
        return codecId;
    }

    /** @return the codec level used */
    public int codecLevel() {
        return codecLevel;
    }

    /** @return a copy of the encoded payload */
    public byte[] payload() {
        return payload.clone();
    }

    /** @return size of the target state's canonical bytes */
    public long rawSize() {
        return rawSize;
    }

    /** @return size of the payload before the codec */
    public long payloadSize() {
        return payloadSize;
    }

    /**
     * @return size of the encoded payload (the codec's output); the record around it is
     *     {@link #wireSize()}
     */
    public long storedSize() {
        return payload.length;
    }

    /**
     * @return size of the whole record as stored and sent: the length of {@link #toBytes()}, counted
     *     without serialising
     */
    public long wireSize() {
        return wireSize;
    }

    /**
     * What the record saves against storing the target whole: raw size over {@link #wireSize()},
     * header and CRC included. Above 1 means the delta saves space; a delta of a small state can be
     * below 1, as its header outweighs it.
     *
     * @return {@link #rawSize()} / {@link #wireSize()}
     */
    public double compressionRatio() {
        return (double) rawSize / wireSize;
    }

    /**
     * The payload's ratio alone, leaving out the record's header: raw size over {@link #storedSize()}
     * (1.0 when both are 0; the raw size when only the payload is empty). What the Python original
     * called the compression ratio; {@link #compressionRatio()} is what the record really saves.
     *
     * @return {@link #rawSize()} / {@link #storedSize()}
     */
    public double payloadRatio() {
        if (payload.length == 0) {
            return rawSize == 0 ? 1.0 : rawSize;
        }
        return (double) rawSize / payload.length;
    }

    /** @return a copy of the SHA-256 of the base's canonical bytes */
    public byte[] baseHash() {
        return baseHash.clone();
    }

    /** @return a copy of the SHA-256 of the target's canonical bytes */
    public byte[] targetHash() {
        return targetHash.clone();
    }

    /** @return the base hash in lower-case hex */
    public String baseHashHex() {
        return HexFormat.of().formatHex(baseHash);
    }

    /** @return the target hash in lower-case hex */
    public String targetHashHex() {
        return HexFormat.of().formatHex(targetHash);
    }

    /** @return what the payload changes, as far as its strategy can tell */
    public PatchSummary summary() {
        return summary;
    }

    /** @return number of values set or changed (0 when unknown) */
    public long changes() {
        return summary.changes();
    }

    /** @return number of values removed (0 when unknown) */
    public long removals() {
        return summary.removals();
    }

    /** @return the affected keys as RFC 6901 JSON Pointers */
    public List<String> affectedKeys() {
        return summary.affectedKeys();
    }

    /** @return the metadata, sorted by key, unmodifiable */
    public SortedMap<String, String> metadata() {
        return metadata;
    }

    /** @return whether base and target are the same state (metadata {@code empty=true}) */
    public boolean isEmpty() {
        return Arrays.equals(baseHash, targetHash);
    }

    boolean sameHash(byte[] hash, boolean target) {
        return Arrays.equals(target ? targetHash : baseHash, hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeltaRecord r && index == r.index && codecLevel == r.codecLevel && rawSize == r.rawSize
                && payloadSize == r.payloadSize && timestamp.equals(r.timestamp) && strategyId.equals(r.strategyId)
                && stateFormatId.equals(r.stateFormatId) && codecId.equals(r.codecId) && Arrays.equals(payload, r.payload)
                && Arrays.equals(baseHash, r.baseHash) && Arrays.equals(targetHash, r.targetHash)
                && summary.equals(r.summary) && metadata.equals(r.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, timestamp, strategyId, stateFormatId, codecId, codecLevel, rawSize, payloadSize,
                Arrays.hashCode(payload), Arrays.hashCode(targetHash), summary, metadata);
    }

    /**
     * @return e.g. {@code DeltaRecord(2 changes, 1 removals, 150 bytes; #3 dict/json-map gzip:6, record 380 bytes,
     *     ratio 2.40)}: the payload's bytes first (as the Python original printed them), then the whole
     *     record's ({@link #wireSize()}) and its {@link #compressionRatio()}
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "DeltaRecord(%d changes, %d removals, %d bytes; #%d %s/%s %s:%d, record %d bytes, ratio %.2f)",
                summary.changes(), summary.removals(), payload.length, index, strategyId, stateFormatId, codecId,
                codecLevel, wireSize, compressionRatio());
    }

    /** Assembles a record; {@link #build()} validates every field. Not thread-safe. */
    public static final class Builder {
        private int index;
        private Instant timestamp;
        private String strategyId;
        private String stateFormatId;
        private String codecId;
        private int codecLevel;
        private byte[] payload;
        private long rawSize;
        private long payloadSize;
        private byte[] baseHash;
        private byte[] targetHash;
        private PatchSummary summary = PatchSummary.UNKNOWN;
        private final Map<String, String> metadata = new TreeMap<>();

        private Builder() {
        }

        /** @param v the version the record produces @return this */
        public Builder index(int v) {
            this.index = v;
            return this;
        }

        /** @param v creation time @return this */
        public Builder timestamp(Instant v) {
            this.timestamp = v;
            return this;
        }

        /** @param v strategy id @return this */
        public Builder strategyId(String v) {
            this.strategyId = v;
            return this;
        }

        /** @param v state format id @return this */
        public Builder stateFormatId(String v) {
            this.stateFormatId = v;
            return this;
        }

        /** @param id codec id @param level codec level @return this */
        public Builder codec(String id, int level) {
            this.codecId = id;
            this.codecLevel = level;
            return this;
        }

        /** @param v the encoded payload (copied) @return this */
        public Builder payload(byte[] v) {
            this.payload = v.clone();
            return this;
        }

        /** @param v canonical size of the target, at most {@link Integer#MAX_VALUE} @return this */
        public Builder rawSize(long v) {
            this.rawSize = v;
            return this;
        }

        /** @param v payload size before the codec @return this */
        public Builder payloadSize(long v) {
            this.payloadSize = v;
            return this;
        }

        /** @param v SHA-256 of the base (copied) @return this */
        public Builder baseHash(byte[] v) {
            this.baseHash = v.clone();
            return this;
        }

        /** @param v SHA-256 of the target (copied) @return this */
        public Builder targetHash(byte[] v) {
            this.targetHash = v.clone();
            return this;
        }

        /** @param v what the payload changes @return this */
        public Builder summary(PatchSummary v) {
            this.summary = v;
            return this;
        }

        /** @param v metadata to add (replacing equal keys) @return this */
        public Builder metadata(Map<String, String> v) {
            this.metadata.putAll(v);
            return this;
        }

        /** @param key metadata key @param value metadata value @return this */
        public Builder metadata(String key, String value) {
            this.metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @return the record
         * @throws DeltaConfigurationException when a field is missing or invalid
         * @throws NullPointerException when a required field is unset
         */
        public DeltaRecord build() {
            return new DeltaRecord(this);
        }
    }
}
