package io.deltachain.store.testkit;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The contract's own strategy, so that a store's tests need no strategy jar: a payload is the length of
 * the UTF-8 prefix the target shares with its base (4 bytes, big-endian), then the target's bytes after
 * it. Every record depends on its base, so a record written against a stale base cannot pass for a good
 * one. Stateless and thread-safe.
 */
final class PrefixTailStrategy implements DeltaStrategy<String> {
    static final String ID = "store-contract-prefix-tail";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StateFormat<String> stateFormat() {
        return StateFormats.utf8();
    }

    @Override
    public byte[] diff(String base, String target) {
        byte[] from = base.getBytes(StandardCharsets.UTF_8);
        byte[] to = target.getBytes(StandardCharsets.UTF_8);
        int mismatch = Arrays.mismatch(from, to);
        int keep = mismatch < 0 ? from.length : mismatch;
        return ByteBuffer.allocate(Integer.BYTES + to.length - keep).putInt(keep).put(to, keep, to.length - keep).array();
    }

    @Override
    public String apply(String base, byte[] payload, Limits limits) {
        if (payload.length < Integer.BYTES) {
            throw new CorruptDeltaException(ID + ": a payload of " + payload.length + " bytes has no prefix length");
        }
        byte[] from = base.getBytes(StandardCharsets.UTF_8);
        int keep = ByteBuffer.wrap(payload).getInt();
        if (keep < 0 || keep > from.length) {
            throw new CorruptDeltaException(ID + ": keeps " + keep + " bytes of a base of " + from.length);
        }
        int tail = payload.length - Integer.BYTES;
        limits.checkStateSize((long) keep + tail, ID + " result");
        byte[] to = Arrays.copyOf(from, keep + tail);
        System.arraycopy(payload, Integer.BYTES, to, keep, tail);
        return new String(to, StandardCharsets.UTF_8);
    }
}
