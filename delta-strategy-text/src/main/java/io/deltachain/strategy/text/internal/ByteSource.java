package io.deltachain.strategy.text.internal;

import io.deltachain.api.CorruptDeltaException;

/** Reads a payload, refusing every read past its end and every overlong or oversized number. */
final class ByteSource {
    private final byte[] data;
    private final String what;
    private int pos;

    ByteSource(byte[] data, int pos, String what) {
        this.data = data;
        this.pos = pos;
        this.what = what;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos == data.length;
    }

    int u8(String field) {
        if (pos >= data.length) {
            throw new CorruptDeltaException(what + ": ends at byte " + pos + " where its " + field + " should be");
        }
        return data[pos++] & 0xFF;
    }

    /** An unsigned LEB128 number that fits an int (at most five bytes, no redundant high zero byte). */
    int count(String field) {
        int at = pos;
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 28) {
                throw new CorruptDeltaException(what + ": the " + field + " at byte " + at + " is longer than five bytes");
            }
            int b = u8(field);
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new CorruptDeltaException(what + ": the " + field + " at byte " + at + " has a redundant zero byte");
                }
                break;
            }
        }
        if (value > Integer.MAX_VALUE) {
            throw new CorruptDeltaException(what + ": the " + field + " at byte " + at + " is " + value
                    + ", above " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /** Skips {@code length} bytes and returns where they started. */
    int take(int length, String field) {
        if (length > data.length - pos) {
            throw new CorruptDeltaException(what + ": the " + field + " at byte " + pos + " claims " + length
                    + " bytes, but only " + (data.length - pos) + " remain");
        }
        int at = pos;
        pos += length;
        return at;
    }
}
