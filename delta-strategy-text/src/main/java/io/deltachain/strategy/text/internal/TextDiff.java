package io.deltachain.strategy.text.internal;

/**
 * Two texts split into lines and diffed: the one entry point of the strategy, its native format and
 * the benchmark.
 *
 * @param a the old text's lines
 * @param b the new text's lines
 * @param edits the edits from a to b
 * @param idsA the interned id of each of a's lines
 * @param idsB the interned id of each of b's lines (equal ids, equal bytes)
 * @param distinctA how many distinct lines a has: an id below it is a line of a
 */
public record TextDiff(Lines a, Lines b, EditScript edits, int[] idsA, int[] idsB, int distinctA) {
    /**
     * @param oldText the old bytes
     * @param newText the new bytes
     * @return their line diff
     */
    public static TextDiff of(byte[] oldText, byte[] newText) {
        Lines a = Lines.split(oldText);
        Lines b = Lines.split(newText);
        int[][] ids = LineInterner.intern(a, b);
        return new TextDiff(a, b, SequenceDiff.diff(ids[0], ids[1], ids[2][0]), ids[0], ids[1], ids[2][1]);
    }
}
