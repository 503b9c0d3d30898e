package io.deltachain.strategy.text.internal;

import java.util.Arrays;

/** An append-only byte buffer with the unsigned LEB128 numbers of the payload format. */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void room(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, wanted));
        }
    }

    ByteSink put(int b) {
        room(1);
        buf[size++] = (byte) b;
        return this;
    }

    ByteSink put(byte[] bytes) {
        return put(bytes, 0, bytes.length);
    }

    ByteSink put(byte[] bytes, int from, int to) {
        room(to - from);
        System.arraycopy(bytes, from, buf, size, to - from);
        size += to - from;
        return this;
    }

    ByteSink ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** An unsigned LEB128 number: seven bits a byte, low bits first, the high bit set on all but the last. */
    ByteSink number(long value) {
        room(10);
        long rest = value;
        do {
            int low = (int) (rest & 0x7F);
            rest >>>= 7;
            buf[size++] = (byte) (rest == 0 ? low : low | 0x80);
        } while (rest != 0);
        return this;
    }

    int size() {
        return size;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }
}
