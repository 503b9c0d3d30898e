package io.deltachain.core.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.PrecedingRecordUnreadableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record frame of a directory store of format 4 (docs/FORMAT.md, "Record frame, version 2"): a record's
 * fields as varints, well-known ids as one byte, a gzip payload without the parts of its framing that the
 * record's other fields give back. Lossless: {@link #read} returns the very record {@link #write} was given,
 * whose {@link DeltaRecord#toBytes()} are the bytes the chain appended. Magic {@code DLTC}, body length
 * varint, body, CRC32C u32 of every byte before it.
 */
public final class RecordFrame {
    /** The four magic bytes {@code 'D' 'L' 'T' 'C'}. */
    public static final byte[] MAGIC = {'D', 'L', 'T', 'C'};
    /** Well-known ids, coded 1 to 14 (0: the id follows, a u8 length and ASCII); the list only ever grows. */
    static final List<String> IDS = List.of("none", "dict", "json-patch", "merge-patch", "bsdiff", "text",
            "zstd-patch", "bytes", "json-map", "json-node", "utf8-text", "identity", "gzip", "zstd");
    private static final int SUMMARY_KNOWN = 1;
    private static final int GZIP_FOLDED = 2;
    private static final int BASE_FOLLOWS = 4;
    /** Bytes of the base hash a frame keeps when the record of the version before gives the rest. */
    public static final int BASE_CHECK = 4;
    /** The first 8 bytes of a gzip member as the gzip codec writes it: deflate, no flags, no time. */
    private static final byte[] GZIP_HEAD = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0};
    private static final int GZIP_HEADER = 10;
    private static final int GZIP_SIZE = 4;

    private RecordFrame() {
    }

    /**
     * @param bytes a frame's first bytes, possibly fewer than four
     * @return whether they start with {@link #MAGIC}
     */
    public static boolean matches(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'D' && bytes[1] == 'L' && bytes[2] == 'T' && bytes[3] == 'C';
    }

    /**
     * @param r a record
     * @return its frame, with its whole base hash
     */
    public static byte[] write(DeltaRecord r) {
        return write(r, null);
    }

    /**
     * @param r a record
     * @param before the target hash of the record of the version before it in the segment, null when the reader
     *     cannot count on that record (there is none, or the version before has a snapshot a read may start from)
     * @return its frame: when {@code before} is its base hash, keeping only the first {@value #BASE_CHECK} bytes
     *     of it (flag 4), else the whole hash
     */
    public static byte[] write(DeltaRecord r, byte[] before) {
        boolean follows = before != null && java.util.Arrays.equals(before, r.baseHash());
        WireWriter body = new WireWriter(128 + (int) r.storedSize());
        body.varint(r.index()).zigzag(r.timestamp().getEpochSecond()).varint(r.timestamp().getNano());
        id(body, r.strategyId());
        id(body, r.stateFormatId());
        id(body, r.codecId());
        byte[] payload = r.payload();
        boolean folded = foldable(r, payload);
        PatchSummary s = r.summary();
        body.zigzag(r.codecLevel()).varint(r.rawSize()).varint(r.payloadSize())
                .u8((s.known() ? SUMMARY_KNOWN : 0) | (folded ? GZIP_FOLDED : 0) | (follows ? BASE_FOLLOWS : 0))
                .raw(follows ? java.util.Arrays.copyOf(r.baseHash(), BASE_CHECK) : r.baseHash()).raw(r.targetHash()).varint(s.changes()).varint(s.removals())
                .varint(s.affectedKeys().size());
        s.affectedKeys().forEach(k -> text(body, k));
        body.varint(r.metadata().size());
        r.metadata().forEach((k, v) -> {
            text(body, k);
            text(body, v);
        });
        if (folded) { // the gzip header's XFL and OS bytes; the rest of it and the size it ends with go
            body.u8(payload[8] & 0xff).u8(payload[9] & 0xff);
            body.raw(java.util.Arrays.copyOfRange(payload, GZIP_HEADER, payload.length - GZIP_SIZE));
        } else {
            body.raw(payload);
        }
        byte[] b = body.toByteArray();
        WireWriter out = new WireWriter(b.length + 16);
        out.raw(MAGIC).varint(b.length).raw(b);
        return out.toByteArrayWithCrc32c();
    }

    /**
     * A gzip payload whose first 8 bytes are {@link #GZIP_HEAD} and whose last 4 are the payload size the
     * record gives (mod 2^32, little-endian): those 12 bytes are given back by the record's other fields.
     */
    private static boolean foldable(DeltaRecord r, byte[] p) {
        if (!"gzip".equals(r.codecId()) || p.length < GZIP_HEADER + GZIP_SIZE) {
            return false;
        }
        for (int i = 0; i < GZIP_HEAD.length; i++) {
            if (p[i] != GZIP_HEAD[i]) {
                return false;
            }
        }
        int size = (p[p.length - 4] & 0xff) | (p[p.length - 3] & 0xff) << 8 | (p[p.length - 2] & 0xff) << 16
                | (p[p.length - 1] & 0xff) << 24;
        return size == (int) r.payloadSize();
    }

    private static void id(WireWriter out, String id) {
        int code = IDS.indexOf(id) + 1;
        if (code > 0) {
            out.u8(code);
        } else {
            out.u8(0).id(id);
        }
    }

    private static void text(WireWriter out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.varint(b.length).raw(b);
    }

    /**
     * @param bytes a frame's first bytes
     * @return the frame's whole length as its head says (magic, the length varint, body, CRC), -1 when the
     *     bytes do not start one or the length varint does not end within them
     */
    public static long length(byte[] bytes) {
        if (!matches(bytes)) {
            return -1;
        }
        long v = 0;
        for (int i = 4, shift = 0; i < bytes.length && shift < 35; i++, shift += 7) {
            v |= (long) (bytes[i] & 0x7F) << shift;
            if ((bytes[i] & 0x80) == 0) {
                return i + 1 + v + 4;
            }
        }
        return -1;
    }

    /**
     * @param frame a whole frame, possibly damaged
     * @param limits bounds on the payload
     * @return the record it holds
     * @throws CorruptDeltaException naming the field and offset when it does not read
     */
    public static DeltaRecord read(byte[] frame, Limits limits) {
        return read(frame, limits, before -> null);
    }

    /**
     * @param frame a whole frame, possibly damaged
     * @param limits bounds on the payload
     * @return the target hash the record names (a frame whose base hash follows from the record before needs
     *     nothing else for this)
     * @throws CorruptDeltaException when the frame does not read
     */
    public static byte[] targetHash(byte[] frame, Limits limits) {
        return parse(frame, limits).target();
    }

    /**
     * @param frame a whole frame, possibly damaged
     * @param limits bounds on the payload
     * @return the version the record names
     * @throws CorruptDeltaException when the frame does not read
     */
    public static int indexOf(byte[] frame, Limits limits) {
        return parse(frame, limits).index();
    }

    /**
     * @param frame a whole frame, possibly damaged
     * @param limits bounds on the payload
     * @param targetOf the target hash of the record of a version ({@code index - 1}), for a frame that keeps
     *     only the first bytes of its base hash; null or an exception when that record does not read
     * @return the record it holds
     * @throws CorruptDeltaException when it does not read, or its base hash cannot be completed: the record
     *     before does not read, or its target hash does not start with the bytes the frame keeps
     */
    public static DeltaRecord read(byte[] frame, Limits limits, java.util.function.IntFunction<byte[]> targetOf) {
        Parsed p = parse(frame, limits);
        byte[] base = p.base();
        if (base.length == BASE_CHECK) {
            byte[] before;
            try {
                before = targetOf.apply(p.index() - 1);
            } catch (DeltaException e) {
                throw new PrecedingRecordUnreadableException(p.index(), "the record frame of version " + p.index()
                        + " takes its base hash from the record of version " + (p.index() - 1) + ", which does not read: "
                        + e.getMessage(), e);
            }
            if (before == null) {
                throw new PrecedingRecordUnreadableException(p.index(), "the record frame of version " + p.index()
                        + " takes its base hash from the record of version " + (p.index() - 1) + ", which does not read",
                        null);
            }
            if (!java.util.Arrays.equals(before, 0, BASE_CHECK, base, 0, BASE_CHECK)) {
                throw new PrecedingRecordUnreadableException(p.index(), "the record frame of version " + p.index()
                        + " does not follow the record found for version " + (p.index() - 1) + ": its base hash starts "
                        + java.util.HexFormat.of().formatHex(base) + ", that record's target hash "
                        + java.util.HexFormat.of().formatHex(before, 0, BASE_CHECK) + " (the index entry of version "
                        + (p.index() - 1) + " or one of the two frames is damaged)", null);
            }
            base = before;
        }
        try {
            return p.builder().baseHash(base).build();
        } catch (DeltaException | IllegalArgumentException e) {
            if (e instanceof io.deltachain.api.LimitExceededException l) {
                throw l;
            }
            throw new CorruptDeltaException("record frame is malformed: " + e.getMessage(), e);
        }
    }

    /** A frame's fields: the record but its base hash, which is whole (32 bytes) or its first bytes. */
    private record Parsed(DeltaRecord.Builder builder, int index, byte[] base, byte[] target) {
    }

    private static Parsed parse(byte[] frame, Limits limits) {
        if (frame.length < 4 + 1 + 4 || !matches(frame)) {
            throw new CorruptDeltaException("not a record frame: " + (frame.length < 9 ? "only " + frame.length
                    + " bytes" : "bad magic at offset 0 (expected 'DLTC')"));
        }
        int crcAt = frame.length - 4;
        int computed = Crc32c.of(frame, 0, crcAt);
        int stored = new WireReader(frame, crcAt, frame.length, "record frame").i32("crc32c");
        if (computed != stored) {
            throw new CorruptDeltaException(String.format("record frame CRC32C mismatch: stored %08x, computed %08x"
                    + " over %d bytes; the record was damaged in storage", stored, computed, crcAt));
        }
        WireReader h = new WireReader(frame, 4, crcAt, "record frame");
        long bodyLength = h.varint("body length", Integer.MAX_VALUE);
        if (bodyLength != h.remaining()) {
            throw new CorruptDeltaException("record frame body length at offset 4 is " + bodyLength + ", but "
                    + h.remaining() + " bytes lie before the CRC");
        }
        try {
            DeltaRecord.Builder b = DeltaRecord.builder();
            int index = (int) h.varint("index", Integer.MAX_VALUE);
            b.index(index);
            long seconds = h.zigzag("timestamp seconds");
            long nanos = h.varint("timestamp nanos", 999_999_999);
            if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
                throw new CorruptDeltaException("record frame timestamp is out of range: " + seconds + "s");
            }
            b.timestamp(Instant.ofEpochSecond(seconds, nanos));
            b.strategyId(id(h, "strategy id")).stateFormatId(id(h, "state format id"));
            String codec = id(h, "codec id");
            long level = h.zigzag("codec level");
            if (level != (int) level) {
                throw new CorruptDeltaException("record frame codec level " + level + " is not a 32-bit integer");
            }
            b.codec(codec, (int) level);
            long rawSize = h.varint("raw size", Long.MAX_VALUE);
            long payloadSize = h.varint("payload size", Long.MAX_VALUE);
            limits.checkPayloadSize(payloadSize, "record payload (before the codec)");
            RecordWireFormat.checkRawSize(index, rawSize);
            b.rawSize(rawSize).payloadSize(payloadSize);
            int flags = h.u8("flags");
            if ((flags & ~(SUMMARY_KNOWN | GZIP_FOLDED | BASE_FOLLOWS)) != 0 || (flags & GZIP_FOLDED) != 0
                    && !"gzip".equals(codec) || (flags & BASE_FOLLOWS) != 0 && index < 2) {
                throw new CorruptDeltaException("record frame flags are " + flags + ": bits 1, 2 and 4 are defined, 2"
                        + " only for gzip, 4 only from version 2 on");
            }
            byte[] base = h.bytes((flags & BASE_FOLLOWS) != 0 ? BASE_CHECK : Sha256.LENGTH, "base hash");
            byte[] target = h.bytes(Sha256.LENGTH, "target hash");
            b.targetHash(target);
            long changes = h.varint("summary changes", Long.MAX_VALUE);
            long removals = h.varint("summary removals", Long.MAX_VALUE);
            int keyCount = (int) h.varint("affected key count", Math.min(DeltaRecord.MAX_AFFECTED_KEYS, h.remaining()));
            List<String> keys = new ArrayList<>(keyCount);
            for (int i = 0; i < keyCount; i++) {
                keys.add(text(h, "affected key " + i));
            }
            boolean known = (flags & SUMMARY_KNOWN) != 0;
            if (!known && keyCount > 0) {
                throw new CorruptDeltaException("record summary is not known but lists " + keyCount + " affected keys");
            }
            b.summary(new PatchSummary(known, changes, removals, keys));
            int metaCount = (int) h.varint("metadata count", Math.min(DeltaRecord.MAX_METADATA_ENTRIES,
                    h.remaining() / 2));
            Map<String, String> meta = new TreeMap<>();
            String previous = null;
            for (int i = 0; i < metaCount; i++) {
                int at = h.position();
                String key = text(h, "metadata key " + i);
                if (previous != null && key.compareTo(previous) <= 0) {
                    throw new CorruptDeltaException("record frame metadata key " + i + " at offset " + at + " "
                            + (key.equals(previous) ? "repeats the key before it" : "is out of order")
                            + ": keys are unique and written in sorted order");
                }
                previous = key;
                meta.put(key, text(h, "metadata value " + i));
            }
            b.metadata(meta);
            byte[] payload;
            if ((flags & GZIP_FOLDED) != 0) {
                int xfl = h.u8("gzip XFL");
                int os = h.u8("gzip OS");
                int n = h.remaining();
                limits.checkPayloadSize((long) n + GZIP_HEADER + GZIP_SIZE, "record payload");
                payload = new byte[n + GZIP_HEADER + GZIP_SIZE];
                System.arraycopy(GZIP_HEAD, 0, payload, 0, GZIP_HEAD.length);
                payload[8] = (byte) xfl;
                payload[9] = (byte) os;
                System.arraycopy(h.bytes(n, "payload"), 0, payload, GZIP_HEADER, n);
                int size = (int) payloadSize;
                for (int k = 0; k < 4; k++) {
                    payload[payload.length - 4 + k] = (byte) (size >>> 8 * k);
                }
            } else {
                limits.checkPayloadSize(h.remaining(), "record payload");
                payload = h.bytes(h.remaining(), "payload");
            }
            b.payload(payload);
            return new Parsed(b, index, base, target);
        } catch (CorruptDeltaException e) {
            throw e;
        } catch (DeltaException | IllegalArgumentException e) {
            if (e instanceof io.deltachain.api.LimitExceededException l) {
                throw l;
            }
            throw new CorruptDeltaException("record frame is malformed: " + e.getMessage(), e);
        }
    }

    private static String id(WireReader in, String field) {
        int at = in.position();
        int code = in.u8(field);
        if (code == 0) {
            return in.id(field);
        }
        if (code > IDS.size()) {
            throw new CorruptDeltaException("record frame field '" + field + "' at offset " + at + " is id code " + code
                    + ", not one of the " + IDS.size() + " this build knows (a newer build's, or damage)");
        }
        return IDS.get(code - 1);
    }

    private static String text(WireReader in, String field) {
        int at = in.position();
        long n = in.varint(field, in.remaining());
        byte[] b = in.bytes((int) n, field);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CorruptDeltaException("record frame field '" + field + "' at offset " + at + " is not valid UTF-8");
        }
    }

    /**
     * @param frame a record's bytes in a segment: a record frame ({@link #MAGIC}) or a record's wire bytes
     * @param limits bounds on the payload
     * @param targetOf the target hash of the record of a version, as for {@link #read(byte[], Limits, java.util.function.IntFunction)}
     * @return the record's wire bytes ({@link DeltaRecord#toBytes()}): a frame's record's, or the bytes as they
     *     are (whose own reader checks them)
     * @throws CorruptDeltaException when a frame does not read (the caller names the record and where it is)
     */
    public static byte[] wireBytes(byte[] frame, Limits limits, java.util.function.IntFunction<byte[]> targetOf) {
        if (!matches(frame)) {
            return frame;
        }
        return read(frame, limits, targetOf).toBytes(); // the caller names the record and where it is
    }

    /**
     * @param frame a record's bytes in a segment: a record frame ({@link #MAGIC}) or a record's wire bytes
     *     ({@code DLTR}, store formats 1 to 3)
     * @param limits bounds on the payload
     * @return the record
     */
    public static DeltaRecord readEither(byte[] frame, Limits limits) {
        return readEither(frame, limits, before -> null);
    }

    /**
     * @param frame a record frame or a record's wire bytes
     * @param limits bounds on the payload
     * @param targetOf as for {@link #read(byte[], Limits, java.util.function.IntFunction)}
     * @return the record
     */
    public static DeltaRecord readEither(byte[] frame, Limits limits, java.util.function.IntFunction<byte[]> targetOf) {
        return matches(frame) ? read(frame, limits, targetOf) : RecordWireFormat.read(frame, limits);
    }

    /**
     * @param frame a record frame or a record's wire bytes
     * @param limits bounds on the payload
     * @return the target hash of the record it holds
     */
    public static byte[] targetHashOfEither(byte[] frame, Limits limits) {
        return matches(frame) ? targetHash(frame, limits) : RecordWireFormat.read(frame, limits).targetHash();
    }
}
