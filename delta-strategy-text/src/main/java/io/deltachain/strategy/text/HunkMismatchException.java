package io.deltachain.strategy.text;

import io.deltachain.api.StateMismatchException;

/**
 * A hunk of a unified diff does not fit the text it is applied to: a context or removed line differs
 * (strict mode), the hunk reaches past the end of the text, or it fits nowhere (tolerant mode). The
 * message and the accessors name the hunk, its header and the line of the text.
 */
public class HunkMismatchException extends StateMismatchException {
    private static final long serialVersionUID = 1L;

    private final int hunk;
    private final String header;
    private final int line;
    private final String expected;
    private final String found;

    /**
     * @param hunk the hunk's number in the patch, from 1
     * @param header its {@code @@} line
     * @param line the line of the text where it failed, from 1
     * @param expected the patch's line there, empty when not one line
     * @param found the text's line there, empty when not one line
     * @param message the whole message
     */
    public HunkMismatchException(int hunk, String header, int line, String expected, String found, String message) {
        super(message);
        this.hunk = hunk;
        this.header = header;
        this.line = line;
        this.expected = expected;
        this.found = found;
    }

    /** @return the hunk's number in the patch, from 1 */
    public int hunk() {
        return hunk;
    }

    /** @return the hunk's {@code @@} header line */
    public String header() {
        return header;
    }

    /** @return the line of the text where the hunk failed, from 1 */
    public int line() {
        return line;
    }

    /** @return the patch's old line that did not match (with its terminator), or empty */
    public String expected() {
        return expected;
    }

    /** @return the text's line found instead (with its terminator), or empty */
    public String found() {
        return found;
    }
}
