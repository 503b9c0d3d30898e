package io.deltachain.strategy.text.internal;

/**
 * Gives every distinct line of two texts a small integer id, equal ids for equal bytes, so that the
 * diff compares ints. One open-addressing table of about four ints per line: linear memory.
 */
public final class LineInterner {
    private LineInterner() {
    }

    /**
     * @param a the old text's lines
     * @param b the new text's lines
     * @return {@code [idsOfA, idsOfB, {distinct, distinctInA}]}; the ids of a's lines come first, so an
     *     id below {@code distinctInA} is a line that a has
     */
    public static int[][] intern(Lines a, Lines b) {
        int total = a.count() + b.count();
        int capacity = Integer.highestOneBit(Math.max(16, total * 2 - 1)) << 1;
        long[] table = new long[capacity];          // hash << 32 | id + 1, 0 = empty
        int[] repLine = new int[Math.max(1, total)]; // per id: the line that first had it (b's lines after a's)
        int[] ids = {0};
        int[] hashesA = new int[a.count()];
        int[] idsA = assign(a, a, b, table, repLine, ids, 0, hashesA, null);
        int distinctA = ids[0];
        int[] idsB = assign(b, a, b, table, repLine, ids, a.count(), hashesA, idsA);
        return new int[][] {idsA, idsB, {ids[0], distinctA}};
    }

    /**
     * Gives each of {@code lines} its id. For a's lines ({@code idsA} null) it records their hashes in
     * {@code hashesA}; for b's it first tries the line of a after the one b's previous line matched (texts
     * that share most lines share them in order), which gives the same id as the table without probing it.
     */
    private static int[] assign(Lines lines, Lines a, Lines b, long[] table, int[] repLine, int[] next, int lineBase,
                                int[] hashesA, int[] idsA) {
        int mask = table.length - 1;
        int[] out = new int[lines.count()];
        int expected = 0; // for b's lines: the line of a that would follow the last one matched
        for (int i = 0; i < out.length; i++) {
            int h = lines.hash(i);
            if (idsA == null) {
                hashesA[i] = h;
            } else if (expected < hashesA.length && hashesA[expected] == h && lines.sameLine(i, a, expected)) {
                out[i] = idsA[expected++];
                continue;
            }
            int slot = h & mask;
            while (true) {
                long entry = table[slot];
                if (entry == 0) {
                    int id = next[0]++;
                    table[slot] = ((long) h << 32) | (id + 1L);
                    repLine[id] = lineBase + i;
                    out[i] = id;
                    break;
                }
                int id = (int) entry - 1;
                if ((int) (entry >>> 32) == h && same(lines, i, a, b, repLine[id])) {
                    out[i] = id;
                    if (idsA != null && repLine[id] < a.count()) {
                        expected = repLine[id] + 1;
                    }
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return out;
    }

    private static boolean same(Lines lines, int line, Lines a, Lines b, int rep) {
        return rep < a.count() ? lines.sameLine(line, a, rep) : lines.sameLine(line, b, rep - a.count());
    }
}
