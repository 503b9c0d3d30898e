package io.deltachain.core;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import java.util.Arrays;

/**
 * What a chain writes is what it can read: before a version is stored, its canonical bytes are
 * parsed again and its record's wire re-read, under the chain's own limits. A version that would not
 * read back is refused with the exception the read would give (a number literal past the limit is a
 * {@link io.deltachain.api.LimitExceededException}), before anything is written.
 */
final class ReadBack {
    private ReadBack() {
    }

    /**
     * @return {@code state} as it reads back from its canonical bytes: what the chain keeps, so that a
     *     version reads the same whether it is the head or rebuilt (e.g. {@code 3.50} and {@code 3.5},
     *     equal in JSON, are one value from the start)
     * @throws io.deltachain.api.DeltaException what reading {@code state}'s canonical bytes back would throw
     */
    static <S> PreparedState<S> check(StateFormat<S> format, Limits limits, PreparedState<S> state) {
        S read = format.fromBytes(state.bytes, limits);
        if (!Arrays.equals(format.toBytes(read), state.bytes)) {
            throw new CorruptDeltaException("the " + format.id() + " state's canonical bytes do not read back to the"
                    + " same state; it cannot be kept in a chain");
        }
        return state.withState(read);
    }

    /** @throws io.deltachain.api.DeltaException what reading {@code record}'s wire back would throw */
    static void check(Limits limits, DeltaRecord record) {
        if (!DeltaRecord.fromBytes(record.toBytes(), limits).equals(record)) {
            throw new CorruptDeltaException("record #" + record.index() + " does not read back as written; it cannot be"
                    + " kept in a chain");
        }
    }
}
