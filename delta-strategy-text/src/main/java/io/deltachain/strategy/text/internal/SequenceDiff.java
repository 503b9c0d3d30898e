package io.deltachain.strategy.text.internal;

/**
 * The line diff, on sequences of interned line ids.
 *
 * <p>Each region (after stripping its common head and tail) is split at patience anchors: lines
 * that occur exactly once in the old and once in the new region, kept in the longest increasing
 * run of their new positions. A region without anchors drops the lines that the other side does
 * not have at all (they can only be removed or added) and runs {@link Myers} on the rest. Every
 * step is charged to a work budget proportional to the input; when it runs out the remaining
 * regions become plain replacements and the script is marked non-minimal, so that no input costs
 * more than linear memory and a bounded multiple of linear time.
 *
 * <p>Not thread-safe (scratch arrays); one instance per diff.
 */
public final class SequenceDiff {
    /** Work units per input line before the cutoff, plus a fixed allowance for small inputs. */
    private static final long BUDGET_PER_LINE = 200;
    private static final long BUDGET_BASE = 4_000_000;

    private final int[] a;
    private final int[] b;
    private final int[] countA;
    private final int[] countB;
    private final int[] posB;
    private final EditScript out = new EditScript();
    private long budget;
    private Myers myers;

    private SequenceDiff(int[] a, int[] b, int distinct) {
        this.a = a;
        this.b = b;
        this.countA = new int[distinct];
        this.countB = new int[distinct];
        this.posB = new int[distinct];
        this.budget = BUDGET_BASE + BUDGET_PER_LINE * ((long) a.length + b.length);
    }

    /**
     * @param a old line ids
     * @param b new line ids
     * @param distinct one more than the largest id
     * @return the edits turning {@code a} into {@code b}
     */
    public static EditScript diff(int[] a, int[] b, int distinct) {
        SequenceDiff d = new SequenceDiff(a, b, distinct);
        d.run();
        return d.out;
    }

    private void run() {
        // Regions waiting, as a stack of (a0, a1, b0, b1); the leftmost on top so edits come out in order.
        IntStack stack = new IntStack();
        stack.push4(0, a.length, 0, b.length);
        while (!stack.isEmpty()) {
            int b1 = stack.pop();
            int b0 = stack.pop();
            int a1 = stack.pop();
            int a0 = stack.pop();
            region(a0, a1, b0, b1, stack);
        }
    }

    private void region(int a0, int a1, int b0, int b1, IntStack stack) {
        while (a0 < a1 && b0 < b1 && a[a0] == b[b0]) {
            a0++;
            b0++;
        }
        while (a0 < a1 && b0 < b1 && a[a1 - 1] == b[b1 - 1]) {
            a1--;
            b1--;
        }
        if (a0 == a1 || b0 == b1) {
            out.add(a0, a1, b0, b1);
            return;
        }
        int size = (a1 - a0) + (b1 - b0);
        if (budget < size) {
            out.markNonMinimal();
            out.add(a0, a1, b0, b1);
            return;
        }
        budget -= 4L * size;
        for (int i = a0; i < a1; i++) {
            countA[a[i]]++;
        }
        for (int j = b0; j < b1; j++) {
            countB[b[j]]++;
            posB[b[j]] = j;
        }
        int anchors = 0;
        for (int i = a0; i < a1; i++) {
            int id = a[i];
            if (countA[id] == 1 && countB[id] == 1) {
                anchors++;
            }
        }
        if (anchors > 0) {
            splitAtAnchors(a0, a1, b0, b1, anchors, stack);
        } else {
            withoutAnchors(a0, a1, b0, b1);
        }
    }

    private void clearCounts(int a0, int a1, int b0, int b1) {
        for (int i = a0; i < a1; i++) {
            countA[a[i]] = 0;
        }
        for (int j = b0; j < b1; j++) {
            countB[b[j]] = 0;
        }
    }

    /** Longest increasing run of the anchors' new positions (patience sorting), then one region per gap. */
    private void splitAtAnchors(int a0, int a1, int b0, int b1, int anchors, IntStack stack) {
        int[] anchorA = new int[anchors];
        int[] anchorB = new int[anchors];
        int k = 0;
        for (int i = a0; i < a1; i++) {
            int id = a[i];
            if (countA[id] == 1 && countB[id] == 1) {
                anchorA[k] = i;
                anchorB[k] = posB[id];
                k++;
            }
        }
        clearCounts(a0, a1, b0, b1);
        int[] tails = new int[anchors];     // index of the anchor ending the best run of each length
        int[] previous = new int[anchors];  // back pointers
        int length = 0;
        for (int i = 0; i < anchors; i++) {
            int value = anchorB[i];
            int lo = 0;
            int hi = length;
            if (length > 0 && anchorB[tails[length - 1]] < value) {
                lo = length; // the usual case, text in order: no search
            } else {
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (anchorB[tails[mid]] < value) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            if (lo == length) {
                length++;
            }
        }
        budget -= (long) anchors * 4;
        // Push the gaps right to left so that the leftmost is handled first.
        int nextA = a1;
        int nextB = b1;
        for (int i = tails[length - 1]; i >= 0; i = previous[i]) {
            stack.push4(anchorA[i] + 1, nextA, anchorB[i] + 1, nextB);
            nextA = anchorA[i];
            nextB = anchorB[i];
        }
        stack.push4(a0, nextA, b0, nextB);
    }

    /** Lines the other side lacks are certain edits; Myers aligns the rest. */
    private void withoutAnchors(int a0, int a1, int b0, int b1) {
        int keptA = 0;
        for (int i = a0; i < a1; i++) {
            if (countB[a[i]] > 0) {
                keptA++;
            }
        }
        int keptB = 0;
        for (int j = b0; j < b1; j++) {
            if (countA[b[j]] > 0) {
                keptB++;
            }
        }
        if (keptA == 0 || keptB == 0) {
            clearCounts(a0, a1, b0, b1);
            out.add(a0, a1, b0, b1);
            return;
        }
        int[] xs = new int[keptA];
        int[] mapA = new int[keptA];
        int[] ys = new int[keptB];
        int[] mapB = new int[keptB];
        int x = 0;
        for (int i = a0; i < a1; i++) {
            if (countB[a[i]] > 0) {
                xs[x] = a[i];
                mapA[x++] = i;
            }
        }
        int y = 0;
        for (int j = b0; j < b1; j++) {
            if (countA[b[j]] > 0) {
                ys[y] = b[j];
                mapB[y++] = j;
            }
        }
        clearCounts(a0, a1, b0, b1);
        if (myers == null) {
            myers = new Myers();
        }
        Myers.Result result = myers.matches(xs, ys, budget);
        budget -= result.work();
        if (!result.minimal()) {
            out.markNonMinimal();
        }
        int prevA = a0;
        int prevB = b0;
        IntStack runs = result.runs();
        for (int r = 0; r < runs.size(); r += 3) {
            int fx = runs.get(r);
            int fy = runs.get(r + 1);
            int len = runs.get(r + 2);
            for (int t = 0; t < len; t++) {
                int oa = mapA[fx + t];
                int ob = mapB[fy + t];
                out.add(prevA, oa, prevB, ob);
                prevA = oa + 1;
                prevB = ob + 1;
            }
        }
        out.add(prevA, a1, prevB, b1);
    }
}
