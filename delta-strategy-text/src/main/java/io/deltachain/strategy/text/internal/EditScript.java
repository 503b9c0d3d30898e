package io.deltachain.strategy.text.internal;

import java.util.Arrays;

/**
 * The result of a line diff: ordered, non-overlapping edits {@code [beginA, endA) -> [beginB, endB)},
 * each replacing a run of old lines by a run of new ones (either run may be empty), with the lines
 * between edits equal. {@link #minimal()} is false when a cost cutoff gave up on the shortest script.
 */
public final class EditScript {
    private int[] edits = new int[64];
    private int size;
    private boolean minimal = true;

    /**
     * Appends an edit, merged with the previous one when they touch.
     *
     * @param beginA first old line
     * @param endA past the last old line
     * @param beginB first new line
     * @param endB past the last new line
     */
    public void add(int beginA, int endA, int beginB, int endB) {
        if (beginA == endA && beginB == endB) {
            return;
        }
        if (size > 0 && edits[size - 3] == beginA && edits[size - 1] == beginB) {
            edits[size - 3] = endA;
            edits[size - 1] = endB;
            return;
        }
        if (size + 4 > edits.length) {
            edits = Arrays.copyOf(edits, edits.length * 2);
        }
        edits[size++] = beginA;
        edits[size++] = endA;
        edits[size++] = beginB;
        edits[size++] = endB;
    }

    void markNonMinimal() {
        minimal = false;
    }

    /** @return whether every part of the diff found a shortest edit script (no cost cutoff was taken) */
    public boolean minimal() {
        return minimal;
    }

    /** @return the number of edits */
    public int count() {
        return size / 4;
    }

    /**
     * @param i an edit index
     * @return its first old line
     */
    public int beginA(int i) {
        return edits[4 * i];
    }

    /**
     * @param i an edit index
     * @return past its last old line
     */
    public int endA(int i) {
        return edits[4 * i + 1];
    }

    /**
     * @param i an edit index
     * @return its first new line
     */
    public int beginB(int i) {
        return edits[4 * i + 2];
    }

    /**
     * @param i an edit index
     * @return past its last new line
     */
    public int endB(int i) {
        return edits[4 * i + 3];
    }
}
