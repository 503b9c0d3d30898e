package com.example.appendonly;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;
import java.util.Arrays;

/**
 * Deltas of data that mostly grows, such as log files: when the target extends the base the payload
 * is {@code 'A'} and the appended tail; otherwise it is {@code 'W'} and the whole target.
 *
 * <p>Written as a user of Deltachain would write a strategy: it depends on {@code delta-api} only,
 * is listed in {@code META-INF/services/io.deltachain.spi.DeltaStrategy}, and is tested with the
 * contract kit ({@code AppendOnlyStrategyTest}).
 */
public final class AppendOnlyStrategy implements DeltaStrategy<byte[]> {
    private static final byte APPEND = 'A';
    private static final byte WHOLE = 'W';

    @Override
    public String id() {
        return "append-only";
    }

    @Override
    public StateFormat<byte[]> stateFormat() {
        return StateFormats.bytes();
    }

    @Override
    public byte[] diff(byte[] base, byte[] target) {
        if (target.length >= base.length && Arrays.equals(base, 0, base.length, target, 0, base.length)) {
            return tagged(APPEND, target, base.length);
        }
        return tagged(WHOLE, target, 0);
    }

    @Override
    public byte[] apply(byte[] base, byte[] payload, Limits limits) {
        byte tag = tagOf(payload);
        int keep = tag == APPEND ? base.length : 0;
        limits.checkStateSize((long) keep + payload.length - 1, "append-only result");
        byte[] out = Arrays.copyOf(base, keep + payload.length - 1);
        System.arraycopy(payload, 1, out, keep, payload.length - 1);
        return out;
    }

    @Override
    public boolean canCompose() {
        return true;
    }

    @Override
    public byte[] compose(byte[] first, byte[] second) {
        tagOf(first);
        if (tagOf(second) == WHOLE) {
            return second.clone();
        }
        byte[] out = Arrays.copyOf(first, first.length + second.length - 1);
        System.arraycopy(second, 1, out, first.length, second.length - 1);
        return out;
    }

    private static byte tagOf(byte[] payload) {
        if (payload.length == 0 || (payload[0] != APPEND && payload[0] != WHOLE)) {
            throw new CorruptDeltaException("append-only payload must start with 'A' or 'W'");
        }
        return payload[0];
    }

    private static byte[] tagged(byte tag, byte[] data, int from) {
        byte[] out = new byte[data.length - from + 1];
        out[0] = tag;
        System.arraycopy(data, from, out, 1, data.length - from);
        return out;
    }
}
