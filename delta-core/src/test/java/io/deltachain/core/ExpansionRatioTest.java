package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link Limits#maxExpansionRatio()}: its arithmetic, and the rule that a compressor never hands out
 * a record that its own limits would refuse when it is read back.
 */
class ExpansionRatioTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"),
            new RunStrategy());

    @Test
    void theBoundIsTheAllowancePlusTheRatioTimesTheInputAndTheBase() {
        Limits limits = Limits.defaults();
        assertEquals(Limits.DEFAULT_MAX_EXPANSION_RATIO, limits.maxExpansionRatio());
        assertEquals(32_768, limits.maxExpansionRatio());
        assertEquals((1 << 20) + 32_768L * (239 + 4), limits.maxExpandedBytes(239, 4));
        assertEquals(Limits.EXPANSION_ALLOWANCE_BYTES, limits.maxExpandedBytes(0, 0));
        assertEquals(Long.MAX_VALUE, limits.withMaxExpansionRatio(Integer.MAX_VALUE)
                .maxExpandedBytes(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2), "saturates, never wraps");
        assertEquals(Math.min(limits.maxPayloadBytes(), limits.maxExpandedBytes(10, 0)), limits.maxDecodedBytes(10));
        limits.checkExpansion(limits.maxExpandedBytes(239, 4), 239, 4, "exactly at the bound");
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> limits.checkExpansion(Integer.MAX_VALUE - 8, 239, 4, "a bsdiff payload"));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertEquals(Integer.MAX_VALUE - 8, e.actual());
        assertEquals(limits.maxExpandedBytes(239, 4), e.allowed());
        assertEquals("a bsdiff payload decodes to at least 2147483639 bytes from 239 encoded bytes and a 4-byte base,"
                + " above the 9011200 that the expansion ratio allows (1048576 + 32768 * (239 + 4),"
                + " Limits.maxExpansionRatio 32768); raise it with Limits.withMaxExpansionRatio if the input is"
                + " trusted", e.getMessage());
        assertEquals(Limit.EXPANSION_RATIO.limitsField().orElseThrow(), "maxExpansionRatio");
    }

    @Test
    void theConstructorOfEarlierVersionsKeepsTheDefaultRatioAndEveryCopyKeepsItsRatio() {
        Limits old = new Limits(1 << 20, 1 << 21, 10, 20, 30);
        assertEquals(Limits.DEFAULT_MAX_EXPANSION_RATIO, old.maxExpansionRatio());
        Limits mine = old.withMaxExpansionRatio(7);
        assertEquals(7, mine.withMaxPayloadBytes(5).withMaxStateBytes(6).withMaxJsonDepth(1).withMaxNumberLength(2)
                .withMaxNumberExponent(3).maxExpansionRatio());
        assertThrows(DeltaConfigurationException.class, () -> Limits.defaults().withMaxExpansionRatio(0));
    }

    @Test
    void aRecordWhoseCodecExpandsBeyondTheRatioIsRefusedWhenMadeAndWhenRead() {
        String target = "x".repeat(4 << 20); // gzip: about 1,000 to 1
        DeltaCompressor<String> tight = compressor("suffix", Limits.defaults().withMaxExpansionRatio(100));
        LimitExceededException made = assertThrows(LimitExceededException.class, () -> tight.diff("", target));
        assertEquals(Limit.EXPANSION_RATIO, made.limit());
        assertTrue(made.getMessage().startsWith("this delta would not read back under these limits: its suffix"
                + " payload encoded by codec 'gzip' decodes to"), made.getMessage());
        // the same record, made under the default ratio, is refused by the codec while it is read
        DeltaRecord record = compressor("suffix", Limits.defaults()).diff("", target);
        LimitExceededException read = assertThrows(LimitExceededException.class, () -> tight.apply("", record));
        assertEquals(Limit.EXPANSION_RATIO, read.limit());
        assertEquals(target, compressor("suffix", Limits.defaults()).apply("", record));
    }

    @Test
    void aRecordWhosePatchMakesFarMoreThanItAndItsBaseIsRefusedWhenMade() {
        DeltaCompressor<String> tight = compressor("run", Limits.defaults().withMaxExpansionRatio(1));
        String target = "a" + "x".repeat(3 << 20);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> tight.diff("a", target));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertEquals(target.length(), e.actual());
        assertTrue(e.getMessage().contains("its run payload, applied to its base, decodes to"), e.getMessage());
        // what the same ratio lets through: the target within 1 MiB + 1 x (payload + base)
        String within = "a" + "x".repeat(1000);
        assertEquals(within, tight.apply("a", tight.diff("a", within)));
    }

    private DeltaCompressor<String> compressor(String strategy, Limits limits) {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy(strategy).codec("gzip")
                .limits(limits).clock(Fixtures.CLOCK).build();
    }

    /** "keep the base, append N copies of 'x'": a payload of a few digits for any output. */
    static final class RunStrategy extends Fixtures.TextStrategy {
        RunStrategy() {
            super("run", 0);
        }

        @Override
        public byte[] diff(String base, String target) {
            return String.valueOf(target.length() - base.length()).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public String apply(String base, byte[] payload, Limits limits) {
            int n = Integer.parseInt(new String(payload, StandardCharsets.US_ASCII));
            limits.checkExpansion((long) base.length() + n, payload.length, base.length(), "run payload");
            return base + "x".repeat(n);
        }
    }
}
