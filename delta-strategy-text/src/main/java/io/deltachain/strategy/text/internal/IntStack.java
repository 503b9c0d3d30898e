package io.deltachain.strategy.text.internal;

import java.util.Arrays;

/** A growable list of ints used as a stack or a list: no boxing on the diff's hot path. */
final class IntStack {
    private int[] values = new int[64];
    private int size;

    void push(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    void push3(int v0, int v1, int v2) {
        push(v0);
        push(v1);
        push(v2);
    }

    void push4(int v0, int v1, int v2, int v3) {
        push3(v0, v1, v2);
        push(v3);
    }

    int pop() {
        return values[--size];
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }
}
