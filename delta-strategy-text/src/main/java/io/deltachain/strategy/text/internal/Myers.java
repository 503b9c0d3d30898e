package io.deltachain.strategy.text.internal;

/**
 * Myers' O(ND) difference algorithm in linear space: each region is split at a point of a shortest
 * edit path found by searching from both ends at once (the "middle snake"), and the halves are
 * handled in turn from an explicit stack, so neither memory nor stack depth grows with the product
 * of the lengths.
 *
 * <p>Cost cutoff: a search that reaches {@link #MAX_COST} edits without meeting splits at the point
 * of the forward search that got furthest (as GNU diff's heuristic does), and a run whose work
 * passes the caller's budget gives up on the remaining regions; either makes the result non-minimal,
 * and the result says so. Not thread-safe; reusable.
 */
final class Myers {
    /** Edits one middle-snake search may explore before it splits heuristically. */
    static final int MAX_COST = 4096;

    private int[] fd = new int[0];
    private int[] bd = new int[0];

    /** Matched runs {@code (x, y, length)} in order, the work done, and whether it is a shortest script. */
    record Result(IntStack runs, long work, boolean minimal) {
    }

    Result matches(int[] xs, int[] ys, long budget) {
        int size = xs.length + ys.length + 3;
        if (fd.length < size) {
            fd = new int[size];
            bd = new int[size];
        }
        int offset = ys.length + 1;
        IntStack runs = new IntStack();
        IntStack stack = new IntStack();
        long work = 0;
        boolean minimal = true;
        stack.push4(0, xs.length, 0, ys.length);
        stack.push(0); // 0: a region; 1: a matched run to emit
        while (!stack.isEmpty()) {
            int kind = stack.pop();
            int v3 = stack.pop();
            int v2 = stack.pop();
            int v1 = stack.pop();
            int v0 = stack.pop();
            if (kind == 1) {
                runs.push3(v0, v1, v2);
                continue;
            }
            int x0 = v0;
            int x1 = v1;
            int y0 = v2;
            int y1 = v3;
            int start = x0;
            while (x0 < x1 && y0 < y1 && xs[x0] == ys[y0]) {
                x0++;
                y0++;
            }
            if (x0 > start) {
                runs.push3(start, y0 - (x0 - start), x0 - start);
            }
            int tail = 0;
            while (x1 > x0 && y1 > y0 && xs[x1 - 1] == ys[y1 - 1]) {
                x1--;
                y1--;
                tail++;
            }
            work += (x1 - x0) + (y1 - y0) + 1;
            if (x0 < x1 && y0 < y1) {
                if (work > budget) {
                    minimal = false; // out of budget: this region stays a replacement
                } else {
                    long[] split = split(xs, ys, x0, x1, y0, y1, offset);
                    work += split[2];
                    if (split[3] != 0) {
                        minimal = false;
                    }
                    int sx = (int) split[0];
                    int sy = (int) split[1];
                    if (tail > 0) {
                        stack.push4(x1, y1, tail, 0);
                        stack.push(1);
                    }
                    stack.push4(sx, x1, sy, y1);
                    stack.push(0);
                    stack.push4(x0, sx, y0, sy);
                    stack.push(0);
                    continue;
                }
            }
            if (tail > 0) {
                runs.push3(x1, y1, tail);
            }
        }
        return new Result(runs, work, minimal);
    }

    /** @return {x, y, work, 1 when the cutoff was taken} of a point on a shortest path through the region */
    private long[] split(int[] xs, int[] ys, int xoff, int xlim, int yoff, int ylim, int offset) {
        int dmin = xoff - ylim;
        int dmax = xlim - yoff;
        int fmid = xoff - yoff;
        int bmid = xlim - ylim;
        int fmin = fmid;
        int fmax = fmid;
        int bmin = bmid;
        int bmax = bmid;
        boolean odd = ((fmid - bmid) & 1) != 0;
        fd[offset + fmid] = xoff;
        bd[offset + bmid] = xlim;
        long work = 0;
        for (int cost = 1; ; cost++) {
            if (fmin > dmin) {
                fd[offset + --fmin - 1] = -1;
            } else {
                ++fmin;
            }
            if (fmax < dmax) {
                fd[offset + ++fmax + 1] = -1;
            } else {
                --fmax;
            }
            for (int d = fmax; d >= fmin; d -= 2) {
                int tlo = fd[offset + d - 1];
                int thi = fd[offset + d + 1];
                int x = tlo >= thi ? tlo + 1 : thi;
                int y = x - d;
                while (x < xlim && y < ylim && xs[x] == ys[y]) {
                    x++;
                    y++;
                    work++;
                }
                fd[offset + d] = x;
                if (odd && bmin <= d && d <= bmax && bd[offset + d] <= x) {
                    return new long[] {x, y, work + (fmax - fmin), 0};
                }
            }
            if (bmin > dmin) {
                bd[offset + --bmin - 1] = Integer.MAX_VALUE;
            } else {
                ++bmin;
            }
            if (bmax < dmax) {
                bd[offset + ++bmax + 1] = Integer.MAX_VALUE;
            } else {
                --bmax;
            }
            for (int d = bmax; d >= bmin; d -= 2) {
                int tlo = bd[offset + d - 1];
                int thi = bd[offset + d + 1];
                int x = tlo < thi ? tlo : thi - 1;
                int y = x - d;
                while (x > xoff && y > yoff && xs[x - 1] == ys[y - 1]) {
                    x--;
                    y--;
                    work++;
                }
                bd[offset + d] = x;
                if (!odd && fmin <= d && d <= fmax && x <= fd[offset + d]) {
                    return new long[] {x, y, work + (bmax - bmin), 0};
                }
            }
            work += (fmax - fmin) + (bmax - bmin) + 2;
            if (cost >= MAX_COST) {
                return furthest(xoff, xlim, yoff, ylim, offset, fmin, fmax, work);
            }
        }
    }

    /** The cutoff: the forward point that got furthest along (largest x + y) inside the region. */
    private long[] furthest(int xoff, int xlim, int yoff, int ylim, int offset, int fmin, int fmax, long work) {
        long best = -1;
        int bx = xoff;
        int by = yoff;
        for (int d = fmax; d >= fmin; d -= 2) {
            int x = Math.min(fd[offset + d], xlim);
            int y = x - d;
            if (y < yoff || y > ylim) {
                continue;
            }
            if (x + y > best && !(x == xlim && y == ylim)) {
                best = x + y;
                bx = x;
                by = y;
            }
        }
        if (bx == xoff && by == yoff) {
            // No progress recorded (cannot happen after a step, but never loop): split in the middle.
            bx = (xoff + xlim) >>> 1;
            by = (yoff + ylim) >>> 1;
        }
        return new long[] {bx, by, work, 1};
    }
}
