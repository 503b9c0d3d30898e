package io.deltachain.tests.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.Deltas;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.StateFormat;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Issue 25, symmetric limits: {@code DeltaCompressor.diff} of Java objects never hands out a record that cannot be read. */
class SymmetricDiffTest {
    record Amount(BigInteger value) {}

    @Test
    void aTargetWhoseCanonicalFormWouldNotReadBackIsRefusedWhenDiffed() {
        StateFormat<Amount> amounts = JsonFormats.of(Amount.class);
        DeltaCompressor<Amount> compressor = Deltas.compressor("bsdiff", amounts);
        Amount small = new Amount(BigInteger.ONE);
        Amount huge = new Amount(new BigInteger("7".repeat(2_000)));
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> compressor.diff(small, huge));
        assertEquals(Limit.NUMBER_LENGTH, e.limit(), e.getMessage());
        Amount fine = new Amount(new BigInteger("7".repeat(500)));
        assertEquals(fine, compressor.apply(small, compressor.diff(small, fine)));
    }
}
