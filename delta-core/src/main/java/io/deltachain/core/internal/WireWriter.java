package io.deltachain.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the big-endian fields {@link WireReader} reads. */
public final class WireWriter {
    private final ByteArrayOutputStream out;

    /** @param capacity initial capacity */
    public WireWriter(int capacity) {
        this.out = new ByteArrayOutputStream(capacity);
    }

    /**
     * @param v an unsigned byte
     * @return this
     */
    public WireWriter u8(int v) {
        out.write(v);
        return this;
    }

    /**
     * @param v a 32-bit integer
     * @return this
     */
    public WireWriter i32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    /**
     * @param v a 64-bit integer
     * @return this
     */
    public WireWriter i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    /**
     * @param v a value written as an unsigned varint (7 bits a byte, low first, the high bit set on all but the
     *     last); a negative value takes 10 bytes
     * @return this
     */
    public WireWriter varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    /**
     * @param v a signed value written as a zigzag varint (0, -1, 1, -2, … as 0, 1, 2, 3, …)
     * @return this
     */
    public WireWriter zigzag(long v) {
        return varint(v << 1 ^ v >> 63);
    }

    /** @return how many bytes have been written */
    public int size() {
        return out.size();
    }

    /**
     * @param b bytes written as they are
     * @return this
     */
    public WireWriter raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /**
     * @param id an ASCII id, written with a u8 length
     * @return this
     */
    public WireWriter id(String id) {
        byte[] b = id.getBytes(StandardCharsets.US_ASCII);
        if (b.length > 255) {
            throw new IllegalArgumentException("id longer than 255 bytes: " + id);
        }
        return u8(b.length).raw(b);
    }

    /**
     * @param s a string, written with a u32 length as UTF-8
     * @return this
     */
    public WireWriter utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return i32(b.length).raw(b);
    }

    /** @return the bytes written so far */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /**
     * Ends a frame: appends the CRC32C of every byte written so far (docs/FORMAT.md frames records,
     * snapshots and index entries this way).
     *
     * @return the bytes written, the CRC32C u32 last
     */
    public byte[] toByteArrayWithCrc32c() {
        return i32(Crc32c.of(out.toByteArray(), 0, out.size())).toByteArray();
    }
}
