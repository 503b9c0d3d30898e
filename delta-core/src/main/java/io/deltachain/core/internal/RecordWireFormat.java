package io.deltachain.core.internal;

import io.deltachain.core.DeltaRecord;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.InconsistentRecordException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary record format, version 1 (docs/FORMAT.md, "Record wire format"). Big-endian:
 * magic {@code DLTR} ({@link #MAGIC}); version u8; flags u8 (0); header length u32; header;
 * payload length u32; payload; CRC32C u32 of every byte before it.
 */
public final class RecordWireFormat {
    /** The four magic bytes {@code 'D' 'L' 'T' 'R'}. */
    public static final byte[] MAGIC = {'D', 'L', 'T', 'R'};
    /** The version this class writes. */
    public static final int VERSION = 1;

    private RecordWireFormat() {
    }

    /** Bytes of the frame around the header and the payload: magic, version, flags, two lengths, CRC. */
    private static final int FRAME = 4 + 1 + 1 + 4 + 4 + 4;
    /** Bytes of the header's fixed-size fields, the three id length bytes included. */
    private static final int FIXED_HEADER = 4 + 8 + 4 + 3 + 4 + 8 + 8 + 2 * Sha256.LENGTH + 1 + 8 + 8 + 4 + 4;

    /**
     * @param bytes anything, possibly shorter than a record
     * @return whether {@code bytes} start with a record's magic ({@link #MAGIC}); says nothing of the rest
     */
    public static boolean matches(byte[] bytes) {
        if (bytes == null || bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The length of {@link #write}'s result, counted without writing it.
     *
     * @param r a record
     * @return its wire size in bytes
     */
    public static long size(DeltaRecord r) {
        long header = FIXED_HEADER + r.strategyId().length() + r.stateFormatId().length() + r.codecId().length();
        for (String key : r.affectedKeys()) {
            header += 4 + utf8Length(key);
        }
        for (Map.Entry<String, String> e : r.metadata().entrySet()) {
            header += 4 + utf8Length(e.getKey()) + 4 + utf8Length(e.getValue());
        }
        return FRAME + header + r.storedSize();
    }

    /** UTF-8 length of a string that holds no lone surrogate (records refuse those). */
    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * @param r a record
     * @return its wire bytes
     */
    public static byte[] write(DeltaRecord r) {
        WireWriter header = new WireWriter(256);
        header.i32(r.index())
                .i64(r.timestamp().getEpochSecond()).i32(r.timestamp().getNano())
                .id(r.strategyId()).id(r.stateFormatId()).id(r.codecId()).i32(r.codecLevel())
                .i64(r.rawSize()).i64(r.payloadSize())
                .raw(r.baseHash()).raw(r.targetHash());
        PatchSummary s = r.summary();
        header.u8(s.known() ? 1 : 0).i64(s.changes()).i64(s.removals()).i32(s.affectedKeys().size());
        s.affectedKeys().forEach(header::utf8);
        header.i32(r.metadata().size());
        r.metadata().forEach((k, v) -> header.utf8(k).utf8(v));
        byte[] h = header.toByteArray();
        byte[] payload = r.payload();
        WireWriter out = new WireWriter(h.length + payload.length + 24);
        out.raw(MAGIC).u8(VERSION).u8(0).i32(h.length).raw(h).i32(payload.length).raw(payload);
        return out.toByteArrayWithCrc32c();
    }

    /**
     * @param wire bytes, possibly corrupt
     * @param limits bounds on the payload
     * @return the record
     */
    public static DeltaRecord read(byte[] wire, Limits limits) {
        if (wire.length < MAGIC.length + 2 + 4 + 4 + 4) {
            throw new CorruptDeltaException("record is too short to be a Deltachain record: " + wire.length + " bytes");
        }
        if (!matches(wire)) {
            throw new CorruptDeltaException("not a Deltachain record: bad magic at offset 0 (expected 'DLTR')");
        }
        int version = wire[4] & 0xFF;
        if (version != VERSION) {
            throw new CorruptDeltaException("record format version " + version + " is not supported (this build reads "
                    + VERSION + "); upgrade Deltachain to read it");
        }
        if (wire[5] != 0) {
            throw new CorruptDeltaException("record flags at offset 5 are " + (wire[5] & 0xFF) + "; version 1 defines none");
        }
        long framed = 10 + (new WireReader(wire, 6, 10, "record").i32("header length") & 0xFFFFFFFFL) + 4 + 4;
        if (framed > wire.length) {
            throw new CorruptDeltaException("record is truncated or its header length (offset 6) is damaged: "
                    + wire.length + " bytes, but that length alone needs at least " + framed);
        }
        int crcAt = wire.length - 4;
        int computed = Crc32c.of(wire, 0, crcAt);
        int stored = new WireReader(wire, crcAt, wire.length, "record").i32("crc32c");
        if (computed != stored) {
            throw new CorruptDeltaException(String.format("record CRC32C mismatch: stored %08x, computed %08x over %d bytes;"
                    + " the record was damaged in storage or transit", stored, computed, crcAt));
        }
        WireReader in = new WireReader(wire, 6, crcAt, "record");
        int headerLength = in.length("header length", in.remaining());
        int headerEnd = in.position() + headerLength;
        WireReader h = new WireReader(wire, in.position(), headerEnd, "record header");
        try {
            DeltaRecord.Builder b = DeltaRecord.builder();
            long index = h.i32("index") & 0xFFFFFFFFL;
            if (index > Integer.MAX_VALUE) {
                throw new CorruptDeltaException("record index " + index + " is above " + Integer.MAX_VALUE);
            }
            b.index((int) index);
            long seconds = h.i64("timestamp seconds");
            int nanos = h.i32("timestamp nanos");
            if (nanos < 0 || nanos > 999_999_999 || seconds < Instant.MIN.getEpochSecond()
                    || seconds > Instant.MAX.getEpochSecond()) {
                throw new CorruptDeltaException("record timestamp is out of range: " + seconds + "s " + nanos + "ns");
            }
            b.timestamp(Instant.ofEpochSecond(seconds, nanos));
            b.strategyId(h.id("strategy id")).stateFormatId(h.id("state format id"));
            b.codec(h.id("codec id"), h.i32("codec level"));
            long rawSize = h.i64("raw size");
            long payloadSize = h.i64("payload size");
            if (rawSize < 0 || payloadSize < 0) {
                throw new CorruptDeltaException("record sizes are negative: raw " + rawSize + ", payload " + payloadSize);
            }
            limits.checkPayloadSize(payloadSize, "record payload (before the codec)");
            checkRawSize((int) index, rawSize);
            b.rawSize(rawSize).payloadSize(payloadSize);
            b.baseHash(h.bytes(Sha256.LENGTH, "base hash")).targetHash(h.bytes(Sha256.LENGTH, "target hash"));
            int known = h.u8("summary known");
            long changes = h.i64("summary changes");
            long removals = h.i64("summary removals");
            if (known > 1 || changes < 0 || removals < 0) {
                throw new CorruptDeltaException("record summary is malformed: known=" + known + ", changes=" + changes
                        + ", removals=" + removals);
            }
            int keyCount = h.length("affected key count", Math.min(DeltaRecord.MAX_AFFECTED_KEYS, h.remaining() / 4));
            List<String> keys = new ArrayList<>(keyCount);
            for (int i = 0; i < keyCount; i++) {
                keys.add(h.utf8("affected key " + i));
            }
            if (known == 0 && keyCount > 0) {
                throw new CorruptDeltaException("record summary is not known but lists " + keyCount + " affected keys");
            }
            b.summary(new PatchSummary(known == 1, changes, removals, keys));
            int metaCount = h.length("metadata count", Math.min(DeltaRecord.MAX_METADATA_ENTRIES, h.remaining() / 8));
            Map<String, String> meta = new TreeMap<>();
            String previous = null;
            for (int i = 0; i < metaCount; i++) {
                int at = h.position();
                String key = h.utf8("metadata key " + i);
                if (previous != null && key.compareTo(previous) <= 0) {
                    throw new CorruptDeltaException("record metadata key " + i + " at offset " + at + " "
                            + (key.equals(previous) ? "repeats the key before it" : "is out of order")
                            + ": keys are unique and written in sorted order");
                }
                previous = key;
                meta.put(key, h.utf8("metadata value " + i));
            }
            b.metadata(meta);
            if (h.remaining() != 0) {
                throw new CorruptDeltaException("record header has " + h.remaining() + " unread bytes at offset "
                        + h.position());
            }
            WireReader p = new WireReader(wire, headerEnd, crcAt, "record");
            int payloadLength = p.length("payload length", p.remaining());
            limits.checkPayloadSize(payloadLength, "record payload");
            b.payload(p.bytes(payloadLength, "payload"));
            if (p.remaining() != 0) {
                throw new CorruptDeltaException("record has " + p.remaining() + " bytes after its payload at offset "
                        + p.position());
            }
            return b.build();
        } catch (CorruptDeltaException e) {
            throw e;
        } catch (DeltaException | IllegalArgumentException e) {
            if (e instanceof io.deltachain.api.LimitExceededException l) {
                throw l;
            }
            throw new CorruptDeltaException("record is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * What a header may claim before anything is decoded: a raw size no state of any build can exceed
     * (the largest Java array, which bounds {@link Limits#maxStateBytes()} too), and which a record
     * therefore cannot be built with.
     *
     * @param index the record's index, for the message
     * @param rawSize the size the header claims
     * @throws InconsistentRecordException when the raw size is above {@link Integer#MAX_VALUE}
     */
    static void checkRawSize(int index, long rawSize) {
        if (rawSize > Integer.MAX_VALUE) {
            throw new InconsistentRecordException("raw size", rawSize, "at most " + Integer.MAX_VALUE,
                    InconsistentRecordException.describe(index, "raw size", rawSize, "no state is larger than "
                            + Integer.MAX_VALUE + " bytes (the largest Java array)"));
        }
    }
}
