package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.api.StateMismatchException;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A record's change rendered for people: through the compressor (payload decoded, base checked) and the chain. */
class DescribeTest {
    /** The suffix strategy that renders its payload: "keep N, add S", and with the base what it drops. */
    static final class Rendering implements DeltaStrategy<String> {
        private final Fixtures.SuffixStrategy suffix;
        private final String id;
        private final String padding;

        /** @param padding added to every payload, so that strategies of one kind differ in size */
        Rendering(String id, String padding) {
            this.id = id;
            this.suffix = new Fixtures.SuffixStrategy(id);
            this.padding = padding;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public StateFormat<String> stateFormat() {
            return StateFormats.utf8();
        }

        @Override
        public byte[] diff(String base, String target) {
            return (padding + new String(suffix.diff(base, target), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String apply(String base, byte[] payload, Limits limits) {
            return suffix.apply(base, strip(payload), limits);
        }

        private byte[] strip(byte[] payload) {
            return new String(payload, StandardCharsets.UTF_8).substring(padding.length()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Optional<String> describe(byte[] payload) {
            String p = new String(strip(payload), StandardCharsets.UTF_8);
            return Optional.of(id + ": keep " + p.substring(0, p.indexOf(':')) + ", add '" + p.substring(p.indexOf(':') + 1)
                    + "'\n");
        }

        @Override
        public Optional<String> describe(String base, byte[] payload, Limits limits) {
            String p = new String(strip(payload), StandardCharsets.UTF_8);
            int keep = Integer.parseInt(p.substring(0, p.indexOf(':')));
            return Optional.of(id + ": - '" + base.substring(keep) + "' + '" + p.substring(p.indexOf(':') + 1) + "'\n");
        }
    }

    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("plain"),
            new Rendering("render", ""), new Rendering("wordy", "padding"));

    private DeltaCompressor<String> compressor(String strategy) {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy(strategy).clock(Fixtures.CLOCK)
                .build();
    }

    @Test
    void aRecordIsRenderedByItsStrategyFromTheDecodedPayload() {
        DeltaCompressor<String> c = compressor("render");
        DeltaRecord r = c.diff("hello world", "hello there");
        assertEquals(Optional.of("render: keep 6, add 'there'\n"), c.describe(r));
        assertEquals(Optional.of("render: - 'world' + 'there'\n"), c.describe("hello world", r));
        assertEquals(Optional.of("render: keep 6, add 'there'\n"), compressor("plain").describe(r),
                "the record's strategy renders it, whatever the compressor's");
    }

    @Test
    void aStrategyWithoutARenderingGivesEmpty() {
        DeltaCompressor<String> c = compressor("plain");
        DeltaRecord r = c.diff("abc", "abd");
        assertEquals(Optional.empty(), c.describe(r));
        assertEquals(Optional.empty(), c.describe("abc", r));
    }

    @Test
    void describingWithTheWrongBaseIsAStateMismatch() {
        DeltaCompressor<String> c = compressor("render");
        DeltaRecord r = c.diff("hello world", "hello there");
        StateMismatchException e = assertThrows(StateMismatchException.class, () -> c.describe("hello WORLD", r));
        assertTrue(e.getMessage().contains("describe it with the state it was made from"), e.getMessage());
        DeltaRecord bytes = r.toBuilder().stateFormatId("bytes").build();
        assertThrows(IncompatibleStateFormatException.class, () -> c.describe(bytes));
    }

    @Test
    void aChangeIsRenderedByTheOwnStrategyElseByTheSmallestThatRenders() {
        assertEquals(Optional.of("wordy: - 'world' + 'there'\n"),
                compressor("wordy").describeChange("hello world", "hello there"), "its own, though larger");
        assertEquals(Optional.of("render: - 'world' + 'there'\n"),
                compressor("plain").describeChange("hello world", "hello there"), "plain renders none");
        assertEquals(Optional.of("render: - 'world' + 'there'\n"),
                compressor(DeltaCompressor.AUTO).describeChange("hello world", "hello there"));
        assertEquals(Optional.of("render: - 'world' + 'there'\n"),
                compressor(DeltaCompressor.NONE).describeChange("hello world", "hello there"));
        DeltaCompressor<String> plainOnly = DeltaCompressor.builder(StateFormats.utf8())
                .registry(Fixtures.registry(new Fixtures.SuffixStrategy("plain"))).strategy("plain").build();
        assertEquals(Optional.empty(), plainOnly.describeChange("a", "b"));
        assertEquals(0, compressor(DeltaCompressor.AUTO).stats().diffs(), "describing counts no diff");
    }

    @Test
    void theChainRendersTheChangeBetweenAnyTwoVersions() {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(compressor("render")).build();
        chain.add("hello world");
        chain.add("hello there");
        chain.add("hello there, friend");
        assertEquals(Optional.of("render: - '' + ', friend'\n"), chain.describeChange(1, 2));
        assertEquals(Optional.of("render: - 'world' + 'there, friend'\n"), chain.describeChange(0, 2));
        assertEquals(Optional.of("render: - 'there, friend' + 'world'\n"), chain.describeChange(2, 0));
        assertThrows(VersionNotFoundException.class, () -> chain.describeChange(0, 3));
    }
}
