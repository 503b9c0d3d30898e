package io.deltachain.testkit;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.api.PatchSummary;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A tiny correct strategy for testing the kit: the payload is the whole target, framed as
 * {@code "WHL1"}, a big-endian length, the bytes and their CRC-32. Its native format is the raw
 * target bytes. Stateless, so thread-safe.
 */
final class WholeStrategy implements DeltaStrategy<byte[]> {
    private static final byte[] MAGIC = {'W', 'H', 'L', '1'};
    private static final int OVERHEAD = MAGIC.length + Integer.BYTES + Integer.BYTES;

    @Override
    public String id() {
        return "whole";
    }

    @Override
    public StateFormat<byte[]> stateFormat() {
        return StateFormats.bytes();
    }

    @Override
    public byte[] diff(byte[] base, byte[] target) {
        ByteBuffer payload = ByteBuffer.allocate(OVERHEAD + target.length);
        payload.put(MAGIC).putInt(target.length).put(target).putInt(crc(target, 0, target.length));
        return payload.array();
    }

    @Override
    public byte[] apply(byte[] base, byte[] payload, Limits limits) {
        int length = checkedLength(payload);
        limits.checkStateSize(length, "whole payload");
        return Arrays.copyOfRange(payload, MAGIC.length + Integer.BYTES, MAGIC.length + Integer.BYTES + length);
    }

    @Override
    public boolean canCompose() {
        return true;
    }

    @Override
    public byte[] compose(byte[] first, byte[] second) {
        checkedLength(first);
        checkedLength(second);
        return second.clone();
    }

    @Override
    public PatchSummary summary(byte[] payload) {
        checkedLength(payload);
        return PatchSummary.of(1, 0, List.of());
    }

    @Override
    public Optional<NativeFormat<byte[]>> nativeFormat() {
        return Optional.of(new NativeFormat<>() {
            @Override
            public String name() {
                return "raw bytes";
            }

            @Override
            public byte[] diff(byte[] base, byte[] target) {
                return target.clone();
            }

            @Override
            public byte[] apply(byte[] base, byte[] nativePatch, Limits limits) {
                limits.checkStateSize(nativePatch.length, "raw bytes patch");
                return nativePatch.clone();
            }
        });
    }

    private static int checkedLength(byte[] payload) {
        if (payload.length < OVERHEAD || !Arrays.equals(payload, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptDeltaException("not a whole payload: expected magic WHL1 and " + OVERHEAD
                    + " bytes of framing, got " + payload.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        int length = buffer.getInt(MAGIC.length);
        if (length != payload.length - OVERHEAD) {
            throw new CorruptDeltaException("whole payload declares " + length + " bytes at offset 4 but carries "
                    + (payload.length - OVERHEAD));
        }
        int start = MAGIC.length + Integer.BYTES;
        if (buffer.getInt(start + length) != crc(payload, start, length)) {
            throw new CorruptDeltaException("whole payload fails its CRC-32 at offset " + (start + length));
        }
        return length;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
