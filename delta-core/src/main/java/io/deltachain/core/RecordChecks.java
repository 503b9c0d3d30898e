package io.deltachain.core;

import io.deltachain.api.InconsistentRecordException;
import io.deltachain.api.PatchSummary;
import io.deltachain.api.RecordIndexMismatchException;
import io.deltachain.spi.Codec;

/**
 * A record's header fields against what they describe (docs/FORMAT.md, "Header checks"): the codec
 * level against the codec's range, the payload size against the decoded payload, the raw size against
 * the applied result, the summary against the strategy's reading of the payload, the index against the
 * record's place in a chain. Each mismatch is an {@link InconsistentRecordException} naming the field,
 * the claimed and the actual value.
 */
final class RecordChecks {
    private RecordChecks() {
    }

    /** @throws InconsistentRecordException when the record's level is outside {@code codec}'s range */
    static void level(DeltaRecord r, Codec codec) {
        int level = r.codecLevel();
        if (level < codec.minLevel() || level > codec.maxLevel()) {
            String range = codec.minLevel() + " to " + codec.maxLevel();
            throw new InconsistentRecordException("codec level", level, range, InconsistentRecordException.describe(
                    r.index(), "codec level", level, "codec '" + codec.id() + "' takes levels " + range));
        }
    }

    /** @throws InconsistentRecordException when the payload decoded to another size than the header says */
    static void payloadSize(DeltaRecord r, long decoded) {
        if (decoded != r.payloadSize()) {
            throw new InconsistentRecordException("payload size", r.payloadSize(), decoded,
                    InconsistentRecordException.describe(r.index(), "payload size", r.payloadSize(),
                            "its payload decodes to " + decoded + " bytes"));
        }
    }

    /** @throws InconsistentRecordException when the result's canonical bytes are not the raw size */
    static void rawSize(DeltaRecord r, long result) {
        if (result != r.rawSize()) {
            throw new InconsistentRecordException("raw size", r.rawSize(), result, InconsistentRecordException.describe(
                    r.index(), "raw size", r.rawSize(), "the state it produces has " + result + " canonical bytes"));
        }
    }

    /**
     * Compares a known summary with a known one recomputed from the payload; an unknown one on either
     * side claims, or can tell, nothing.
     *
     * @throws InconsistentRecordException naming the first count or the key list that differs
     */
    static void summary(DeltaRecord r, PatchSummary recomputed) {
        PatchSummary claimed = r.summary();
        if (!claimed.known() || !recomputed.known()) {
            return;
        }
        summaryField(r, "summary changes", claimed.changes(), recomputed.changes());
        summaryField(r, "summary removals", claimed.removals(), recomputed.removals());
        summaryField(r, "affected keys", claimed.affectedKeys(), recomputed.affectedKeys());
    }

    private static void summaryField(DeltaRecord r, String field, Object claimed, Object actual) {
        if (!claimed.equals(actual)) {
            throw new InconsistentRecordException(field, claimed, actual, InconsistentRecordException.describe(
                    r.index(), field, claimed, "its " + r.strategyId() + " payload holds " + actual));
        }
    }

    /**
     * @param context where the record is found or put, e.g. "appending a record to a chain of 5 versions"
     * @param advice what to do about it
     * @throws RecordIndexMismatchException when the record's index is not {@code expected}
     */
    static void index(DeltaRecord r, int expected, String context, String advice) {
        if (r.index() != expected) {
            throw new RecordIndexMismatchException(r.index(), expected, context + ": the record's header says index "
                    + r.index() + ", but its place is version " + expected + "; " + advice);
        }
    }
}
