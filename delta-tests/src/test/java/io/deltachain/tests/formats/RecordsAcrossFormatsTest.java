package io.deltachain.tests.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.StateFormats;
import io.deltachain.api.StateMismatchException;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.json.JsonFormats;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A record made on one state format applies to states of another when its strategy serves both: a
 * {@code text} record of {@code utf8-text} to a {@code bytes} chain of the same file and back, with
 * both hashes checked over the receiving format's bytes; a strategy that does not serve the receiving
 * format is refused by name.
 */
class RecordsAcrossFormatsTest {
    private static final String A = "one\ntwo\nthree\n";
    private static final String B = "one\n2\nthree\n";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTextRecordOfUtf8TextAppliesToBytesAndTheOtherWayRound() {
        DeltaRecord onText = DeltaCompressor.builder(StateFormats.utf8()).strategy("text").build().diff(A, B);
        assertEquals("utf8-text", onText.stateFormatId());
        DeltaCompressor<byte[]> bytes = DeltaCompressor.builder(StateFormats.bytes()).build();
        assertArrayEquals(utf8(B), bytes.apply(utf8(A), onText));

        DeltaRecord onBytes = DeltaCompressor.builder(StateFormats.bytes()).strategy("text").build().diff(utf8(A), utf8(B));
        assertEquals("bytes", onBytes.stateFormatId());
        assertEquals(B, DeltaCompressor.builder(StateFormats.utf8()).build().apply(A, onBytes));
    }

    @Test
    void aBytesChainTakesATextRecordAndStoresItsOwn() {
        DeltaChain<byte[]> chain = DeltaChain.builder(StateFormats.bytes()).build();
        chain.add(utf8(A));
        DeltaRecord onText = DeltaCompressor.builder(StateFormats.utf8()).strategy("text").build().diff(A, B);
        assertEquals(1, chain.append(onText));
        assertArrayEquals(utf8(B), chain.stateAt(1));
        assertTrue(chain.verify().ok(), chain.verify().toString());
    }

    @Test
    void theBaseIsStillChecked() {
        DeltaRecord onText = DeltaCompressor.builder(StateFormats.utf8()).strategy("text").build().diff(A, B);
        StateMismatchException e = assertThrows(StateMismatchException.class,
                () -> DeltaCompressor.builder(StateFormats.bytes()).build().apply(utf8(B), onText));
        assertTrue(e.getMessage().contains("apply it to the state it was made from"), e.getMessage());
    }

    @Test
    void aStrategyThatDoesNotServeTheFormatIsRefusedByName() {
        DeltaRecord onMap = DeltaCompressor.builder(JsonFormats.map()).strategy("dict").build()
                .diff(Map.of("a", 1), Map.of("a", 2));
        IncompatibleStateFormatException e = assertThrows(IncompatibleStateFormatException.class,
                () -> DeltaCompressor.builder(StateFormats.bytes()).build().apply(utf8("{\"a\":1}"), onMap));
        assertTrue(e.getMessage().startsWith("record #0 holds json-map states, and its strategy 'dict' does not serve"
                + " bytes"), e.getMessage());
    }
}
