package io.deltachain.api;

import java.util.List;

/**
 * What a patch changes, as far as its strategy can tell: how many values it sets, how many it
 * removes, and the keys it affects as RFC 6901 JSON Pointers ({@code /key1}, {@code /key4/added}).
 *
 * <p>Byte and text strategies that cannot name keys return {@link #UNKNOWN} or counts with no keys.
 * Immutable; {@code affectedKeys} is an unmodifiable copy in the order the strategy gives (sorted
 * for the strategies in this project).
 *
 * @param known whether the strategy could summarise the patch at all
 * @param changes values set or changed (added keys count as changes)
 * @param removals values removed
 * @param affectedKeys the changed and removed keys as JSON Pointers
 */
public record PatchSummary(boolean known, long changes, long removals, List<String> affectedKeys) {

    /** The summary of a strategy that cannot tell what its patches change. */
    public static final PatchSummary UNKNOWN = new PatchSummary(false, 0, 0, List.of());

    /** The summary of a patch that changes nothing. */
    public static final PatchSummary EMPTY = new PatchSummary(true, 0, 0, List.of());

    /** Validates counts and copies the key list. */
    public PatchSummary {
        if (changes < 0 || removals < 0) {
            throw new IllegalArgumentException("counts must not be negative: changes=" + changes
                    + ", removals=" + removals);
        }
        affectedKeys = List.copyOf(affectedKeys);
    }

    /**
     * @param changes values set or changed
     * @param removals values removed
     * @param affectedKeys the affected keys as JSON Pointers
     * @return a known summary
     */
    public static PatchSummary of(long changes, long removals, List<String> affectedKeys) {
        return new PatchSummary(true, changes, removals, affectedKeys);
    }

    /** @return true when the summary is known and the patch changes and removes nothing */
    public boolean isEmpty() {
        return known && changes == 0 && removals == 0;
    }
}
