package io.deltachain.strategy.zstdpatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictContentType;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.UnsupportedDeltaOperationException;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.zstdpatch.internal.PatchFrame;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZstdPatchStrategyTest {
    private final ZstdPatchStrategy strategy = new ZstdPatchStrategy();
    private final NativeFormat<byte[]> zstdPatch = strategy.nativeFormat().orElseThrow();

    @Test
    void aSmallEditOfALargeFileIsASmallPatch() {
        Random random = new Random(1);
        byte[] base = Inputs.structured(random, 1 << 20);
        byte[] target = Inputs.edited(random, base, 20);
        byte[] payload = strategy.diff(base, target);
        assertTrue(payload.length < 2_000, () -> payload.length + " bytes for 20 edits of 1 MiB");
        assertArrayEquals(target, strategy.apply(base, payload, Limits.defaults()));
    }

    @Test
    void thePayloadIsTheNativePatchBehindItsOwnMagic() {
        byte[] base = "the old version, ".repeat(50).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] target = "the new version, ".repeat(50).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] payload = strategy.diff(base, target);
        byte[] nativePatch = zstdPatch.diff(base, target);
        assertEquals("444c545a53500100", HexFormat.of().formatHex(payload, 0, 8), "DLTZSP, version 1, flags 0");
        assertArrayEquals(nativePatch, Arrays.copyOfRange(payload, 8, payload.length));
        assertEquals("28b52ffd", HexFormat.of().formatHex(nativePatch, 0, 4));
        assertEquals(target.length, Zstd.getFrameContentSize(nativePatch));
    }

    @Test
    void aPayloadIsNotANativePatchAndTheOtherWayRound() {
        byte[] base = {1, 2, 3};
        byte[] target = {1, 2, 3, 4};
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> strategy.apply(base, zstdPatch.diff(base, target), Limits.defaults()));
        assertTrue(e.getMessage().contains("does not start with DLTZSP") && e.getMessage().contains("--raw"),
                e.getMessage());
        assertThrows(CorruptDeltaException.class,
                () -> zstdPatch.apply(base, strategy.diff(base, target), Limits.defaults()));
    }

    @Test
    void aHugeClaimedContentSizeIsRefusedBeforeAllocating() {
        // A frame header claiming 2^40 bytes with one empty raw block.
        byte[] lie = HexFormat.of().parseHex("28b52ffd" + "e0" + "0000000000010000" + "010000");
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> zstdPatch.apply(new byte[0], lie, Limits.defaults()));
        assertTrue(e.getMessage().contains("claims 1099511627776 bytes, more than a frame of 16 bytes"), e.getMessage());
    }

    @Test
    void aNewVersionAboveMaxStateBytesIsALimitExceededException() {
        byte[] base = new byte[1 << 20];
        byte[] payload = strategy.diff(base, new byte[2 << 20]);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> strategy.apply(base, payload, Limits.defaults().withMaxStateBytes(1 << 20)));
        assertEquals(Limit.STATE_BYTES, e.limit());
        assertEquals(2 << 20, e.actual());
        assertTrue(e.getMessage().contains("Limits.withMaxStateBytes"), e.getMessage());
    }

    @Test
    void theWrongOldVersionIsCaughtByTheChecksum() {
        Random random = new Random(2);
        byte[] base = Inputs.structured(random, 50_000);
        byte[] target = Inputs.edited(random, base, 5);
        byte[] patch = zstdPatch.diff(base, target);
        byte[] otherBase = Inputs.edited(random, base, 5);
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> zstdPatch.apply(otherBase, patch, Limits.defaults()));
        assertTrue(e.getMessage().contains("made against another old version"), e.getMessage());
    }

    @Test
    void everyTruncationAndTrailingBytesAreCorrupt() {
        Random random = new Random(3);
        byte[] base = Inputs.structured(random, 5_000);
        byte[] payload = strategy.diff(base, Inputs.edited(random, base, 8));
        for (int cut = 0; cut < payload.length; cut++) {
            byte[] truncated = Arrays.copyOf(payload, cut);
            assertThrows(CorruptDeltaException.class, () -> strategy.apply(base, truncated, Limits.defaults()),
                    "cut at " + cut);
        }
        byte[] padded = Arrays.copyOf(payload, payload.length + 3);
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> strategy.apply(base, padded, Limits.defaults()));
        assertTrue(e.getMessage().contains("3 bytes follow the zstd frame"), e.getMessage());
    }

    @Test
    void aFrameWithoutContentSizeIsRefusedByName() {
        byte[] base = Inputs.structured(new Random(5), 10_000);
        byte[] frame;
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            frame = ctx.setContentSize(false).loadDict(base, ZstdDictContentType.RAW_CONTENT).compress(base);
        }
        UnsupportedDeltaOperationException e = assertThrows(UnsupportedDeltaOperationException.class,
                () -> zstdPatch.apply(base, frame, Limits.defaults()));
        assertTrue(e.getMessage().contains("without its content size") && e.getMessage().contains("--patch-from=OLD NEW"),
                e.getMessage());
    }

    @Test
    void aNewerPayloadVersionIsRefusedByName() {
        byte[] payload = strategy.diff(new byte[] {1}, new byte[] {2});
        payload[6] = 2;
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> strategy.apply(new byte[] {1}, payload, Limits.defaults()));
        assertTrue(e.getMessage().contains("version 2") && e.getMessage().contains("reads version 1"), e.getMessage());
    }

    @Test
    void theWindowCoversTheLargerInputTwice() {
        assertEquals(10, PatchFrame.windowLog(0, 0));
        assertEquals(22, PatchFrame.windowLog(2 << 20, 1000));
        assertEquals(23, PatchFrame.windowLog(1000, (2 << 20) + 1));
        assertEquals(31, PatchFrame.windowLog(Integer.MAX_VALUE, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 23, -(1 << 17) - 1})
    void levelsZstdDoesNotHaveAreRefused(int level) {
        DeltaConfigurationException e = assertThrows(DeltaConfigurationException.class,
                () -> new ZstdPatchStrategy(level));
        assertTrue(e.getMessage().contains("-131072 to -1 and 1 to 22, not " + level), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-5, 1, 3, 9, 19})
    void everyLevelRoundTrips(int level) {
        Random random = new Random(level + 100);
        byte[] base = Inputs.structured(random, 20_000);
        byte[] target = Inputs.edited(random, base, 10);
        ZstdPatchStrategy at = new ZstdPatchStrategy(level);
        assertArrayEquals(target, at.apply(base, at.diff(base, target), Limits.defaults()));
    }

    @Test
    void isDiscoveredAtTheDefaultLevel() {
        ZstdPatchStrategy found = assertInstanceOf(ZstdPatchStrategy.class, DeltaRegistry.load().strategy("zstd-patch"));
        assertEquals(ZstdPatchStrategy.DEFAULT_LEVEL, found.level());
        assertEquals("zstd --patch-from", found.nativeFormat().orElseThrow().name());
    }

    @Test
    void aOneByteChangeToALargeFileAppliesUnderTheSmallestRatioBecauseTheBaseCounts() {
        byte[] old = new byte[4 << 20];
        new Random(11).nextBytes(old);
        byte[] changed = old.clone();
        changed[12345] ^= 1;
        Limits tightest = Limits.defaults().withMaxExpansionRatio(1);
        byte[] payload = strategy.diff(old, changed);
        assertTrue(changed.length > tightest.maxExpandedBytes(payload.length, 0), "the output alone is beyond it");
        assertArrayEquals(changed, strategy.apply(old, payload, tightest));
    }

    @Test
    void aFrameClaimingMoreThanTheRatioAllowsIsRefusedBeforeAllocating() {
        byte[] zeros = new byte[4 << 20];
        byte[] patch = zstdPatch.diff(new byte[0], zeros);
        assertArrayEquals(zeros, zstdPatch.apply(new byte[0], patch, Limits.defaults()));
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> zstdPatch.apply(new byte[0], patch, Limits.defaults().withMaxExpansionRatio(16)));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertEquals(zeros.length, e.actual());
        assertTrue(e.getMessage().contains("content size its frame header claims"), e.getMessage());
    }
}
