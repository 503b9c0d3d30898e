package io.deltachain.strategy.text.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Text split into lines that keep their terminators: a line ends just after {@code '\n'} or at the
 * end of the text, so {@code "\r\n"} and a lone {@code '\r'} stay inside a line byte for byte, as
 * GNU diff and git see them. Joining every line gives the text back exactly. Immutable view of the
 * caller's array (never copied: the text can be a whole file).
 */
public final class Lines {
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private final byte[] text;
    private final int[] starts;

    private Lines(byte[] text, int[] starts) {
        this.text = text;
        this.starts = starts;
    }

    /**
     * @param text the bytes, not copied
     * @return its lines
     */
    public static Lines split(byte[] text) {
        // One pass, eight bytes at a time: a word's newline bytes are found with exact SWAR flags.
        int[] starts = new int[Math.max(4, text.length / 24 + 2)];
        int lines = 0;
        int i = 0;
        int words = text.length & ~7;
        for (; i < words; i += 8) {
            long x = ((long) WORD.get(text, i)) ^ NEWLINES;
            long t = (x & LOW7) + LOW7;
            long flags = ~(t | x | LOW7);
            while (flags != 0) {
                if (lines + 2 >= starts.length) {
                    starts = Arrays.copyOf(starts, starts.length + (starts.length >> 1) + 8);
                }
                starts[++lines] = i + (Long.numberOfTrailingZeros(flags) >>> 3) + 1;
                flags &= flags - 1;
            }
        }
        for (; i < text.length; i++) {
            if (text[i] == '\n') {
                if (lines + 2 >= starts.length) {
                    starts = Arrays.copyOf(starts, starts.length + 8);
                }
                starts[++lines] = i + 1;
            }
        }
        if (text.length > 0 && text[text.length - 1] != '\n') {
            starts[++lines] = text.length;
        }
        return new Lines(text, Arrays.copyOf(starts, lines + 1));
    }

    /**
     * A 32-bit hash of bytes [from, to), eight bytes at a time, mixed so that a table's low bits are
     * usable.
     *
     * @param line a line index
     * @return its hash
     */
    public int hash(int line) {
        int from = starts[line];
        int to = starts[line + 1];
        long h = 0x9E3779B97F4A7C15L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ (long) WORD.get(text, i)) * 0xFF51AFD7ED558CCDL;
            h ^= h >>> 29;
        }
        if (i < to) {
            long tail = 0;
            for (int k = to - 1; k >= i; k--) {
                tail = (tail << 8) | (text[k] & 0xFF);
            }
            h = (h ^ tail) * 0xC4CEB9FE1A85EC53L;
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 32));
    }

    /** @return the number of lines */
    public int count() {
        return starts.length - 1;
    }

    /** @return the underlying bytes (not a copy) */
    public byte[] text() {
        return text;
    }

    /**
     * @param line a line index
     * @return the offset of its first byte
     */
    public int start(int line) {
        return starts[line];
    }

    /**
     * @param line a line index
     * @return the offset just past its last byte (terminator included)
     */
    public int end(int line) {
        return starts[line + 1];
    }

    /**
     * @param line a line index
     * @return whether it ends with {@code '\n'} (only the last line of a text may not)
     */
    public boolean terminated(int line) {
        int end = starts[line + 1];
        return end > starts[line] && text[end - 1] == '\n';
    }

    /**
     * @param line a line of this text
     * @param other another text
     * @param otherLine a line of that one
     * @return whether the two lines are the same bytes
     */
    public boolean sameLine(int line, Lines other, int otherLine) {
        return Arrays.equals(text, starts[line], starts[line + 1], other.text, other.starts[otherLine],
                other.starts[otherLine + 1]);
    }

    /**
     * @param line a line index
     * @param bytes bytes to compare with
     * @param from their first offset
     * @param to the offset past their last
     * @return whether the line is exactly those bytes
     */
    public boolean lineEquals(int line, byte[] bytes, int from, int to) {
        return Arrays.equals(text, starts[line], starts[line + 1], bytes, from, to);
    }
}
