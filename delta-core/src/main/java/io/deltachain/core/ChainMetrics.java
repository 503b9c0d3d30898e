package io.deltachain.core;

/**
 * A snapshot of a {@link DeltaChain}'s shape and cost. Immutable.
 *
 * @param length versions held (0 for an empty chain)
 * @param rebaselines times the chain was rebased (explicitly or by the {@code REBASE} policy)
 * @param optimisations times a policy shortened the chain ({@code REBASE} or {@code MERGE})
 * @param totalChanges sum of the changes of every delta held (as far as strategies can tell)
 * @param totalRemovals sum of the removals of every delta held
 * @param rawBytes canonical bytes of every version held, as if each were stored whole; versions whose size
 *     cannot be read ({@code uncountedVersions}) are left out, never counted as 0 bytes of a known size
 * @param storedBytes bytes the store holds for records and snapshots ({@link ChainStore#storedBytes()}):
 *     whole records and snapshots as kept, headers, framing and checksums included
 * @param snapshots snapshots held, version 0 included
 * @param longestReconstructionPath the most deltas applied to read any one version
 * @param uncountedVersions versions whose raw size is unknown (a damaged base snapshot or record) and so
 *     missing from {@code rawBytes} and the totals; when not 0, {@code rawBytes} and {@link #ratio()} are lower
 *     bounds
 */
public record ChainMetrics(int length, long rebaselines, long optimisations, long totalChanges, long totalRemovals,
                           long rawBytes, long storedBytes, int snapshots, int longestReconstructionPath,
                           int uncountedVersions) {

    /** Metrics of a chain whose every version's size is known ({@code uncountedVersions} 0). */
    public ChainMetrics(int length, long rebaselines, long optimisations, long totalChanges, long totalRemovals,
                        long rawBytes, long storedBytes, int snapshots, int longestReconstructionPath) {
        this(length, rebaselines, optimisations, totalChanges, totalRemovals, rawBytes, storedBytes, snapshots,
                longestReconstructionPath, 0);
    }

    /** @return raw bytes over stored bytes, what keeping the history as deltas saves (1.0 for an empty chain) */
    public double ratio() {
        return storedBytes == 0 ? 1.0 : (double) rawBytes / storedBytes;
    }
}
