package io.deltachain.api;

/**
 * A record's index is not the place it is found or put at in a chain: a store holds, as the record of
 * version 5, one that says it produces version 7, or a record handed to a chain claims another
 * version than the chain's next one. A record made outside a chain (index 0) claims no place.
 *
 * <p>{@link #claimed()} and {@link #actual()} are the two indices as text; {@link #claimedIndex()}
 * and {@link #expectedIndex()} the same as numbers.
 */
public class RecordIndexMismatchException extends InconsistentRecordException {
    private static final long serialVersionUID = 1L;

    private final int claimedIndex;
    private final int expectedIndex;

    /**
     * @param claimedIndex the index in the record's header
     * @param expectedIndex the version it is found or put at
     * @param message what went wrong, where, and what to do
     */
    public RecordIndexMismatchException(int claimedIndex, int expectedIndex, String message) {
        super("index", claimedIndex, expectedIndex, message);
        this.claimedIndex = claimedIndex;
        this.expectedIndex = expectedIndex;
    }

    /** @return the index in the record's header */
    public int claimedIndex() {
        return claimedIndex;
    }

    /** @return the version the record is found or put at */
    public int expectedIndex() {
        return expectedIndex;
    }
}
