package io.deltachain.strategy.zstdpatch.internal;

/**
 * The zstd parameters of one patch: the level's own (zstd's table for inputs above 256 KiB), with the
 * tables widened so that zstd's match finder sees the whole old version.
 *
 * <p>Why: zstd-jni can only hand zstd the old version as a dictionary, never as the reference prefix
 * the zstd tool uses, and a dictionary never reaches zstd's long-distance matcher, which is what finds
 * the old version's content in {@code zstd --patch-from} (the tool's own hash tables see only the last
 * {@code 8 << hashLog} bytes of a prefix too). zstd indexes only the last
 * {@code 8 << max(hashLog, chainLog)} bytes of a dictionary for its hash-based strategies (levels 1 to
 * 12), its fast and double-fast ones (levels 1 to 4) at most the last 16 MiB, and its binary trees
 * (levels 13 to 22) reach back {@code 2^(chainLog-1)} positions. So: hash-based levels get a hash log
 * that indexes the whole old version; levels 1 to 4 with an old version above 16 MiB use the lazy
 * matcher instead; binary-tree levels get a chain log covering the window. Each costs native memory,
 * {@link #nativeBytes() estimated} and checked before zstd starts.
 *
 * @param strategy zstd's strategy number (1 fast ... 9 btultra2)
 * @param windowLog log2 of the window
 * @param hashLog log2 of the hash table's entries
 * @param chainLog log2 of the chain or tree table's entries
 * @param searchLog log2 of the search depth
 * @param minMatch the shortest match looked for
 * @param baseBytes bytes of the old version (zstd keeps a copy)
 */
public record Tuning(int strategy, int windowLog, int hashLog, int chainLog, int searchLog, int minMatch,
        long baseBytes) {
    static final int FAST = 1;
    static final int DFAST = 2;
    static final int LAZY2 = 5;
    static final int BTLAZY2 = 6;

    /** Level 0 stands for zstd's negative (fast) levels. W, C, H, S, L, strategy per level. */
    private static final int[][] LEVELS = {
        {19, 12, 13, 1, 6, FAST}, {19, 13, 14, 1, 7, FAST}, {20, 15, 16, 1, 6, FAST}, {21, 16, 17, 1, 5, DFAST},
        {21, 18, 18, 1, 5, DFAST}, {21, 18, 19, 3, 5, 3}, {21, 18, 19, 3, 5, 4}, {21, 19, 20, 4, 5, 4},
        {21, 19, 20, 4, 5, LAZY2}, {22, 20, 21, 4, 5, LAZY2}, {22, 21, 22, 5, 5, LAZY2}, {22, 21, 22, 6, 5, LAZY2},
        {22, 22, 23, 6, 5, LAZY2}, {22, 22, 22, 4, 5, BTLAZY2}, {22, 22, 23, 5, 5, BTLAZY2}, {22, 23, 23, 6, 5, BTLAZY2},
        {22, 22, 22, 5, 5, 7}, {23, 23, 22, 5, 4, 7}, {23, 23, 22, 6, 3, 8}, {23, 24, 22, 7, 3, 9},
        {25, 25, 23, 7, 3, 9}, {26, 26, 24, 7, 3, 9}, {27, 27, 25, 9, 3, 9},
    };
    /** zstd's largest hash and chain logs on 64-bit platforms. */
    private static final int MAX_LOG = 30;
    /**
     * Hash rows of 2^25 entries index 256 MiB; 2^26 was measured to find almost nothing (65 MB for the
     * 256 MiB pair at level 3, against 276,888 bytes with 2^25).
     */
    private static final int MAX_ROW_LOG = 25;
    /** Binary trees of 2^28 entries (1 GiB, twice): past a 128 MiB window they reach only its last 128 MiB. */
    private static final int MAX_TREE_LOG = 28;
    /**
     * A fast or double-fast dictionary is indexed over at most its last 16 MiB (less 2 bytes); up to 64 KiB
     * more are left unindexed at its start rather than giving up these matchers.
     */
    private static final long TAGGED_DICTIONARY_MAX = (1L << 24) + (64 << 10);
    /** Old versions from which the hash-based lazy matchers look for 6-byte matches, not 5. */
    private static final long LONGER_MATCHES_FROM = 4L << 20;

    /**
     * @param level a zstd level
     * @param base bytes of the old version
     * @param target bytes of the new version
     * @return the parameters a patch of these inputs is made with
     */
    public static Tuning of(int level, long base, long target) {
        int[] row = LEVELS[Math.max(0, level)];
        int windowLog = PatchFrame.windowLog(base, target);
        int chainLog = row[1];
        int hashLog = row[2];
        int searchLog = row[3];
        int minMatch = row[4];
        int strategy = row[5];
        if (base == 0) {
            return new Tuning(strategy, windowLog, hashLog, chainLog, searchLog, minMatch, 0);
        }
        // zstd indexes the last 8 << max(hashLog, chainLog) bytes of a dictionary below btultra
        int indexing = Math.max(6, 64 - Long.numberOfLeadingZeros(base - 1) - 3);
        if (strategy <= DFAST && base > TAGGED_DICTIONARY_MAX) {
            // fast and double-fast dictionaries stop at 16 MiB: the lazy matcher, looking for 7-byte matches
            strategy = LAZY2;
            searchLog = 4;
            minMatch = 7;
        }
        if (strategy > DFAST && strategy < BTLAZY2 && base > LONGER_MATCHES_FROM) {
            // the rows of zstd's row-based matcher fill up with the same frequent 5-byte strings of a large
            // old version, evicting the one that continues: 36,875 bytes against 15,458 at level 6 on 16 MiB
            minMatch = Math.max(minMatch, 6);
        }
        if (strategy < BTLAZY2) {
            hashLog = Math.min(strategy > DFAST ? MAX_ROW_LOG : MAX_LOG, Math.max(hashLog, indexing + 1));
            chainLog = Math.min(MAX_LOG, Math.max(chainLog, indexing));
        } else {
            chainLog = Math.min(MAX_TREE_LOG, Math.max(chainLog, windowLog + 1));
        }
        return new Tuning(strategy, windowLog, hashLog, chainLog, searchLog, minMatch, base);
    }

    /** @return whether zstd's row-based matcher is used (greedy to lazy2: no chain table) */
    boolean rowBased() {
        return strategy > DFAST && strategy < BTLAZY2;
    }

    /**
     * Native memory zstd takes for these parameters: its copy of the old version, its match tables twice
     * (the dictionary's and the context's copy of them), a window-sized long-distance table and
     * working buffers; an estimate to within a few MiB.
     *
     * @return bytes
     */
    public long nativeBytes() {
        long hash = 4L << hashLog;
        long chain = strategy == FAST || rowBased() ? 0 : 4L << chainLog;
        long tags = rowBased() ? 1L << hashLog : 0;
        return baseBytes + 2 * (hash + chain + tags) + (8L << Math.max(0, windowLog - 7)) + (16L << 20);
    }
}
