package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the RFC 6902 operations that turn one JSON tree into another.
 *
 * <ul>
 *   <li>Objects: members removed, added, and changed members diffed recursively; a changed member
 *       whose operations would cost more bytes than replacing it is replaced whole.</li>
 *   <li>Arrays: elements aligned by a common subsequence of their canonical JSON (see
 *       {@link Alignment}); elements only in the old array are removed, only in the new one added;
 *       with move detection, an element removed in one place and added in another is moved; an
 *       old and a new element left over in the same gap are the same record edited, diffed
 *       recursively (or replaced when cheaper); with copy detection an added element equal to an
 *       earlier element of the new array is copied from it.</li>
 *   <li>Anything else that differs, including the whole document, is replaced.</li>
 * </ul>
 *
 * Removals come first in each array (from the highest index down), then the array is built up from
 * its first element: every index in an operation is valid at the point the operation applies.
 * Not thread-safe: one instance per diff.
 */
public final class PatchDiff {
    /** Fixed bytes an operation costs beyond its path and value, for choosing between alternatives. */
    private static final int OP_OVERHEAD = 24;
    /** Gaps of more old × new elements than this are paired by position, not by similarity. */
    private static final int MAX_SIMILARITY_CELLS = 4_096;

    private final boolean moves;
    private final boolean copies;
    private final List<Op> out = new ArrayList<>();
    private long cost;

    private PatchDiff(boolean moves, boolean copies) {
        this.moves = moves;
        this.copies = copies;
    }

    /**
     * @param base the old tree
     * @param target the new tree
     * @param moves whether to write {@code move} for elements that moved within an array
     * @param copies whether to write {@code copy} for added elements equal to an earlier element
     * @return the operations, empty when the trees are equal
     */
    public static List<Op> diff(JsonNode base, JsonNode target, boolean moves, boolean copies) {
        PatchDiff diff = new PatchDiff(moves, copies);
        diff.value("", base, target);
        return diff.out;
    }

    private void emit(Op op) {
        out.add(op);
        cost += OP_OVERHEAD + op.path().length() + (op.from() == null ? 0 : op.from().length())
                + (op.value() == null ? 0 : Trees.sizeAtLeast(op.value(), Long.MAX_VALUE));
    }

    private void value(String path, JsonNode a, JsonNode b) {
        if (a == b) {
            return;
        }
        boolean objects = a.isObject() && b.isObject();
        if (objects || (a.isArray() && b.isArray())) {
            int mark = out.size();
            long costBefore = cost;
            if (objects) {
                object(path, a, b);
            } else {
                array(path, a, b);
            }
            long spent = cost - costBefore;
            int written = out.size() - mark;
            if (written > 1 && !path.isEmpty()) { // the document itself is always patched, never replaced for size
                long replacing = OP_OVERHEAD + path.length() + Trees.sizeAtLeast(b, spent);
                if (replacing < spent) {
                    out.subList(mark, out.size()).clear();
                    cost = costBefore;
                    emit(Op.replace(path, b));
                }
            }
        } else if (!Trees.equal(a, b)) {
            emit(Op.replace(path, b));
        }
    }

    private void object(String path, JsonNode a, JsonNode b) {
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            if (!b.has(e.getKey())) {
                emit(Op.remove(Pointers.member(path, e.getKey())));
            }
        }
        for (Map.Entry<String, JsonNode> e : b.properties()) {
            JsonNode old = a.get(e.getKey());
            if (old == null) {
                emit(Op.add(Pointers.member(path, e.getKey()), e.getValue()));
            } else {
                value(Pointers.member(path, e.getKey()), old, e.getValue());
            }
        }
    }

    private void array(String path, JsonNode a, JsonNode b) {
        int n = a.size();
        int m = b.size();
        int pre = 0;
        while (pre < n && pre < m && Trees.equal(a.get(pre), b.get(pre))) {
            pre++;
        }
        int suf = 0;
        while (suf < n - pre && suf < m - pre && Trees.equal(a.get(n - 1 - suf), b.get(m - 1 - suf))) {
            suf++;
        }
        int na = n - pre - suf;
        int nb = m - pre - suf;
        if (na == 0 && nb == 0) {
            return;
        }
        int[] idA = new int[na];
        int[] idB = new int[nb];
        Interner ids = new Interner(true, na + nb);
        if (!ids.intern(a, pre, idA) || !ids.intern(b, pre, idB)) {
            ids = new Interner(false, na + nb); // many elements alike at their top level: hash them whole
            ids.intern(a, pre, idA);
            ids.intern(b, pre, idB);
        }
        Alignment alignment = Alignment.of(idA, idB);
        new ArrayEdit(path, a, b, pre, idA, idB, ids, alignment).write();
    }

    /**
     * The edit of one array's middle (between the common prefix and suffix): which old elements go,
     * which move, which are edited in place, and the simulation that gives every operation its index.
     */
    private final class ArrayEdit {
        private final String path;
        private final JsonNode a;
        private final JsonNode b;
        private final int pre;
        private final int[] idB;
        private final Interner ids;
        private final int na;
        private final int nb;
        /** For each old element: the new index it ends at (kept, edited or moved), or -1 when removed. */
        private final int[] endsAt;
        /** For each new element: the old element it comes from (kept, edited or moved), or -1 when added. */
        private final int[] from;
        /** For each new element: whether it is an old one edited in place (diffed recursively). */
        private final boolean[] edited;
        /** For each old element: whether it is the source of a move (placed when the simulation gets to it). */
        private final boolean[] moved;
        /** For each old element: whether the alignment kept it (neither removed, moved nor edited). */
        private final boolean[] kept;

        ArrayEdit(String path, JsonNode a, JsonNode b, int pre, int[] idA, int[] idB, Interner ids, Alignment alignment) {
            this.path = path;
            this.ids = ids;
            this.a = a;
            this.b = b;
            this.pre = pre;
            this.idB = idB;
            this.na = idA.length;
            this.nb = idB.length;
            this.endsAt = alignment.matchA.clone();
            this.from = alignment.matchB.clone();
            this.edited = new boolean[nb];
            this.moved = new boolean[na];
            this.kept = new boolean[na];
            for (int i = 0; i < na; i++) {
                kept[i] = endsAt[i] >= 0;
            }
            if (moves) {
                findMoves(idA);
            }
            pairEdits();
        }

        /**
         * An element removed in one place and added in another, with the same canonical JSON, moves. Each
         * move costs the simulation that gives the operations their indices up to the array's length, so
         * past {@link Alignment#WORK_BUDGET} element steps (a reversed array of 200,000 took 189 s) the
         * array keeps no moves: its elements are removed and added, or edited, as without move detection.
         */
        private void findMoves(int[] idA) {
            Map<Integer, ArrayDeque<Integer>> removed = new HashMap<>();
            for (int i = 0; i < na; i++) {
                if (endsAt[i] < 0) {
                    removed.computeIfAbsent(idA[i], id -> new ArrayDeque<>()).add(i);
                }
            }
            if (removed.isEmpty()) {
                return;
            }
            long budget = Alignment.WORK_BUDGET / Math.max(1, Math.max(na, nb));
            List<Integer> targets = new ArrayList<>();
            for (int j = 0; j < nb; j++) {
                if (from[j] < 0) {
                    ArrayDeque<Integer> sources = removed.get(idB[j]);
                    if (sources != null && !sources.isEmpty()) {
                        int i = sources.poll();
                        endsAt[i] = j;
                        from[j] = i;
                        moved[i] = true;
                        targets.add(j);
                    }
                }
            }
            if (targets.size() > budget) {
                for (int j : targets) {
                    moved[from[j]] = false;
                    endsAt[from[j]] = -1;
                    from[j] = -1;
                }
            }
        }

        /** Between two kept elements, the k-th removed and the k-th added element left over are one element edited. */
        private void pairEdits() {
            int i = 0;
            int j = 0;
            while (true) {
                int gapEndA = i;
                while (gapEndA < na && !kept[gapEndA]) {
                    gapEndA++;
                }
                int gapEndB = j;
                while (gapEndB < nb && !(from[gapEndB] >= 0 && kept[from[gapEndB]])) {
                    gapEndB++;
                }
                List<Integer> removed = new ArrayList<>();
                for (int x = i; x < gapEndA; x++) {
                    if (endsAt[x] < 0) {
                        removed.add(x); // not a move source
                    }
                }
                List<Integer> added = new ArrayList<>();
                for (int y = j; y < gapEndB; y++) {
                    if (from[y] < 0) {
                        added.add(y); // not a move target
                    }
                }
                pair(removed, added);
                if (gapEndA >= na && gapEndB >= nb) {
                    return;
                }
                i = gapEndA + 1; // past the kept pair (gapEndA, gapEndB)
                j = gapEndB + 1;
            }
        }

        /**
         * Pairs old and new elements of one gap, in order: by similarity where the gap is small (an
         * order-keeping pairing that maximises, over the pairs, members equal minus members different,
         * plus one; a pair must score at least one), else by position.
         */
        private void pair(List<Integer> removed, List<Integer> added) {
            int p = removed.size();
            int q = added.size();
            if (p == 0 || q == 0) {
                return;
            }
            if ((p == 1 && q == 1) || (long) p * q > MAX_SIMILARITY_CELLS) {
                for (int k = 0; k < Math.min(p, q); k++) {
                    edit(removed.get(k), added.get(k));
                }
                return;
            }
            int[][] score = new int[p + 1][q + 1];
            int[][] best = new int[p + 1][q + 1];
            for (int x = p - 1; x >= 0; x--) {
                for (int y = q - 1; y >= 0; y--) {
                    int w = similarity(a.get(pre + removed.get(x)), b.get(pre + added.get(y)));
                    score[x][y] = w;
                    int take = w > 0 ? w + best[x + 1][y + 1] : Integer.MIN_VALUE;
                    best[x][y] = Math.max(take, Math.max(best[x + 1][y], best[x][y + 1]));
                }
            }
            int x = 0;
            int y = 0;
            while (x < p && y < q) {
                if (score[x][y] > 0 && best[x][y] == score[x][y] + best[x + 1][y + 1]) {
                    edit(removed.get(x++), added.get(y++));
                } else if (best[x][y] == best[x + 1][y]) {
                    x++;
                } else {
                    y++;
                }
            }
        }

        private void edit(int x, int y) {
            endsAt[x] = y;
            from[y] = x;
            edited[y] = true;
        }

        void write() {
            // Tokens 0..na-1 are the old elements, na + j the added element j.
            List<Integer> list = new ArrayList<>(Math.max(na, nb));
            for (int i = 0; i < na; i++) {
                list.add(i);
            }
            for (int i = na - 1; i >= 0; i--) {
                if (endsAt[i] < 0) {
                    list.remove(i);
                    emit(Op.remove(at(i)));
                }
            }
            boolean[] placed = new boolean[na];
            for (int i = 0; i < na; i++) {
                placed[i] = endsAt[i] >= 0 && !moved[i];
            }
            Map<Integer, Integer> firstWithId = new HashMap<>();
            if (copies) {
                for (int k = 0; k < pre; k++) {
                    firstWithId.putIfAbsent(ids.id(b.get(k)), k - pre); // the common prefix, as middle indices below 0
                }
            }
            for (int j = 0; j < nb; j++) {
                // Move sources in the way go to their place among the placed elements (in new order).
                while (j < list.size()) {
                    int t = list.get(j);
                    if (t >= na || placed[t] || endsAt[t] == j) {
                        break;
                    }
                    list.remove(j);
                    int r = j;
                    while (r < list.size() && !(isPlaced(list.get(r), placed) && newIndex(list.get(r)) > endsAt[t])) {
                        r++;
                    }
                    list.add(r, t);
                    placed[t] = true;
                    emit(Op.move(at(j), at(r)));
                }
                int source = from[j];
                if (source < 0) {
                    Integer earlier = firstWithId.get(idB[j]);
                    if (earlier != null) {
                        emit(Op.copy(at(earlier), at(j)));
                    } else {
                        emit(Op.add(at(j), b.get(pre + j)));
                    }
                    list.add(j, na + j);
                } else if (moved[source] && !placed[source]) {
                    int p = list.indexOf(source);
                    if (p != j) {
                        list.remove(p);
                        list.add(j, source);
                        emit(Op.move(at(p), at(j)));
                    }
                    placed[source] = true;
                } else if (edited[j]) {
                    value(at(j), a.get(pre + source), b.get(pre + j));
                }
                if (list.get(j) != (source < 0 ? na + j : source)) {
                    throw new IllegalStateException("array edit of " + path + " lost track at new index " + (pre + j));
                }
                if (copies) {
                    firstWithId.putIfAbsent(idB[j], j);
                }
            }
        }

        private boolean isPlaced(int token, boolean[] placed) {
            return token >= na || placed[token];
        }

        private int newIndex(int token) {
            return token >= na ? token - na : endsAt[token];
        }

        private String at(int middleIndex) {
            return Pointers.element(path, pre + middleIndex);
        }
    }

    /**
     * How alike two elements are: for two objects, members equal minus members different (present
     * in one only, or with other values), plus one; any other pair scores one (a replace beats a
     * remove and an add).
     */
    private static int similarity(JsonNode x, JsonNode y) {
        if (!x.isObject() || !y.isObject()) {
            return 1;
        }
        int equal = 0;
        int inBoth = 0;
        for (Map.Entry<String, JsonNode> e : x.properties()) {
            JsonNode other = y.get(e.getKey());
            if (other != null) {
                inBoth++;
                if (Trees.equal(e.getValue(), other)) {
                    equal++;
                }
            }
        }
        int different = x.size() + y.size() - inBoth - equal; // the union, less the equal members
        return equal - different + 1;
    }

    /**
     * Dense ids for distinct values: equal hashes are checked for equality, so a collision never
     * merges two values. Open addressing on the 64-bit hash (no boxing). The shallow kind hashes
     * only each value's top level ({@link Trees#shallowHash}), which tells records apart by their
     * scalar members at a fraction of the cost, and leaves the rest to the equality check; it gives
     * up once equality checks fail too often (values alike at the top, different below), and the
     * caller starts again with whole hashes.
     */
    private static final class Interner {
        private final boolean shallow;
        private long[] hashes;
        private int[] ids;
        private final List<JsonNode> representatives = new ArrayList<>();
        /** Failed equality checks the shallow kind still allows. */
        private long misses;

        Interner(boolean shallow, int expected) {
            this.shallow = shallow;
            int capacity = Integer.highestOneBit(Math.max(32, expected) * 2) * 2;
            hashes = new long[capacity];
            ids = new int[capacity];
            misses = 2L * expected + 16;
        }

        /** Ids of {@code array}'s elements from {@code offset} on, into {@code out}; false when the shallow kind gave up. */
        boolean intern(JsonNode array, int offset, int[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = id(array.get(offset + i));
                if (out[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        /** @return the value's id, or -1 when the shallow kind gives up */
        int id(JsonNode node) {
            long h = shallow ? Trees.shallowHash(node) : Trees.hash(node);
            int mask = hashes.length - 1;
            for (int slot = (int) h & mask; ; slot = (slot + 1) & mask) {
                int id = ids[slot] - 1; // 0 marks an empty slot
                if (id < 0) {
                    id = representatives.size();
                    representatives.add(node);
                    hashes[slot] = h;
                    ids[slot] = id + 1;
                    if (representatives.size() * 2 > hashes.length) {
                        grow();
                    }
                    return id;
                }
                if (hashes[slot] == h) {
                    if (Trees.equal(representatives.get(id), node)) {
                        return id;
                    }
                    if (shallow && --misses < 0) {
                        return -1;
                    }
                }
            }
        }

        private void grow() {
            long[] oldHashes = hashes;
            int[] oldIds = ids;
            hashes = new long[oldHashes.length * 2];
            ids = new int[oldIds.length * 2];
            int mask = hashes.length - 1;
            for (int i = 0; i < oldIds.length; i++) {
                if (oldIds[i] != 0) {
                    int slot = (int) oldHashes[i] & mask;
                    while (ids[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    hashes[slot] = oldHashes[i];
                    ids[slot] = oldIds[i];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "PatchDiff" + Arrays.asList(moves, copies);
    }
}
