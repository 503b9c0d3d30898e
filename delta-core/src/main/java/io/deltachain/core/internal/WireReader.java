package io.deltachain.core.internal;

import io.deltachain.api.CorruptDeltaException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads big-endian fields from a byte array, checking every length against what remains before
 * allocating, and naming the field and offset in every error.
 */
public final class WireReader {
    private final byte[] data;
    private final int end;
    private final String what;
    private int pos;

    /**
     * @param data the bytes
     * @param start first byte to read
     * @param end one past the last byte that may be read
     * @param what what the bytes are, for messages ("record", "snapshot")
     */
    public WireReader(byte[] data, int start, int end, String what) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.what = what;
    }

    /** @return the current offset */
    public int position() {
        return pos;
    }

    /** @return bytes left */
    public int remaining() {
        return end - pos;
    }

    private void need(int n, String field) {
        if (n < 0 || n > end - pos) {
            throw new CorruptDeltaException(what + " is truncated or has a bad length: field '" + field + "' at offset "
                    + pos + " needs " + (n < 0 ? "a negative number of" : String.valueOf(n)) + " bytes but "
                    + (end - pos) + " remain");
        }
    }

    /**
     * @param field name for messages
     * @return an unsigned byte
     */
    public int u8(String field) {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    /**
     * @param field name for messages
     * @return a signed 32-bit integer
     */
    public int i32(String field) {
        need(4, field);
        int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /**
     * @param field name for messages
     * @return a signed 64-bit integer
     */
    public long i64(String field) {
        long hi = i32(field) & 0xFFFFFFFFL;
        long lo = i32(field) & 0xFFFFFFFFL;
        return (hi << 32) | lo;
    }

    /**
     * @param field name for messages
     * @return an unsigned varint ({@link WireWriter#varint}) of at most 10 bytes, as a 64-bit value
     */
    public long varint(String field) {
        int at = pos;
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = u8(field);
            if (shift == 63 && b > 1) {
                break;
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptDeltaException(what + " field '" + field + "' at offset " + at + " is a varint of more"
                + " than 64 bits");
    }

    /**
     * @param field name for messages
     * @param max the largest value accepted
     * @return an unsigned varint no larger than {@code max}
     */
    public long varint(String field, long max) {
        int at = pos;
        long v = varint(field);
        if (v < 0 || v > max) {
            throw new CorruptDeltaException(what + " field '" + field + "' at offset " + at + " is "
                    + Long.toUnsignedString(v) + ", above its maximum of " + max);
        }
        return v;
    }

    /**
     * @param field name for messages
     * @return a zigzag varint ({@link WireWriter#zigzag})
     */
    public long zigzag(String field) {
        long v = varint(field);
        return v >>> 1 ^ -(v & 1);
    }

    /**
     * @param field name for messages
     * @param max the largest value accepted
     * @return a non-negative 32-bit length no larger than {@code max}
     */
    public int length(String field, long max) {
        int at = pos;
        long v = i32(field) & 0xFFFFFFFFL;
        if (v > max) {
            throw new CorruptDeltaException(what + " field '" + field + "' at offset " + at + " is " + v
                    + ", above its maximum of " + max);
        }
        return (int) v;
    }

    /**
     * @param n how many bytes
     * @param field name for messages
     * @return a copy of the next {@code n} bytes
     */
    public byte[] bytes(int n, String field) {
        need(n, field);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    /**
     * @param field name for messages
     * @return a string written as a u8 length and ASCII id characters {@code [a-z0-9-]}
     */
    public String id(String field) {
        int at = pos;
        int n = u8(field);
        need(n, field);
        for (int i = 0; i < n; i++) {
            byte b = data[pos + i];
            if (!((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-')) {
                throw new CorruptDeltaException(what + " field '" + field + "' at offset " + at
                        + " is not an id of lower-case letters, digits and '-'");
            }
        }
        String s = new String(data, pos, n, StandardCharsets.US_ASCII);
        pos += n;
        return s;
    }

    /**
     * @param field name for messages
     * @return a string written as a u32 length and strict UTF-8
     */
    public String utf8(String field) {
        int at = pos;
        int n = length(field, remaining());
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new CorruptDeltaException(what + " field '" + field + "' at offset " + at + " is not valid UTF-8");
        }
    }
}
