package io.deltachain.api;

import java.util.Objects;

/**
 * A record's header says one thing and what it holds, or what applying it gives, says another: its
 * payload decodes to another size than the header's payload size, its codec level is outside the
 * codec's range, the result is not the raw size it claims, its summary is not what its strategy reads
 * from its payload, or (a {@link RecordIndexMismatchException}) its index is not its place in a chain.
 * A CRC only proves the bytes are the ones written; this proves the header agrees with the payload, as
 * a record a Deltachain writer made always does. The record was damaged before its CRC was computed,
 * or forged.
 *
 * <p>Carries the header {@link #field()}, the value the header {@link #claimed()} and the
 * {@link #actual()} value found, each as text; the message names all three.
 */
public class InconsistentRecordException extends CorruptDeltaException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String claimed;
    private final String actual;

    /**
     * @param field the header field, e.g. {@code "raw size"}
     * @param claimed what the header says
     * @param actual what was found instead
     * @param message what went wrong, where, and what to do
     */
    public InconsistentRecordException(String field, Object claimed, Object actual, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
        this.claimed = String.valueOf(claimed);
        this.actual = String.valueOf(actual);
    }

    /**
     * The usual message: {@code "record #3: its header says raw size 42, but the result has 41 bytes; ..."}.
     *
     * @param index the record's index, as its header says
     * @param field the header field
     * @param claimed what the header says
     * @param actual what was found instead, in words that finish "but ..." (e.g. "the result has 41 bytes")
     * @return the message
     */
    public static String describe(int index, String field, Object claimed, String actual) {
        return "record #" + index + ": its header says " + field + " " + claimed + ", but " + actual
                + "; the record was damaged before its checksum was made, or forged: get it again from its source";
    }

    /** @return the header field that disagrees, e.g. {@code "raw size"} */
    public String field() {
        return field;
    }

    /** @return the value the header claims, as text */
    public String claimed() {
        return claimed;
    }

    /** @return the value found instead, as text */
    public String actual() {
        return actual;
    }
}
