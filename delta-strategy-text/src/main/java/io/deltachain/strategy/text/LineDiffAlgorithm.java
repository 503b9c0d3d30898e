package io.deltachain.strategy.text;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.DiffAlgorithmFactory;
import com.github.difflib.algorithm.DiffAlgorithmI;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.patch.DeltaType;
import io.deltachain.strategy.text.internal.EditScript;
import io.deltachain.strategy.text.internal.SequenceDiff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The {@code text} strategy's diff as a java-diff-utils algorithm, for
 * {@code DiffUtils.diff(original, revised, new LineDiffAlgorithm<>())}: patience anchors (elements
 * unique to both sides, in their longest common order) split the input, Myers' algorithm in linear
 * space aligns what lies between, and a work budget proportional to the input bounds the time. Memory
 * is linear in the input for any pair; two inputs with nothing in common cost one pass. The result
 * is an exact edit script; it is a shortest one except where the cost cutoff was taken
 *.
 *
 * <p>Elements are compared with {@code equals} and {@code hashCode} (or the given equalizer, which
 * then must agree with {@code hashCode}). Stateless and thread-safe; unlike java-diff-utils' mutable
 * default algorithm, nothing here is static and settable.
 *
 * @param <T> the element type, usually {@code String} lines
 */
public final class LineDiffAlgorithm<T> implements DiffAlgorithmI<T> {
    private final BiPredicate<T, T> equalizer;

    /** Compares elements with {@code equals}. */
    public LineDiffAlgorithm() {
        this(null);
    }

    private LineDiffAlgorithm(BiPredicate<T, T> equalizer) {
        this.equalizer = equalizer;
    }

    /** @return a factory for {@code DiffUtils} and {@code DiffRowGenerator} builders */
    public static DiffAlgorithmFactory factory() {
        return new DiffAlgorithmFactory() {
            @Override
            public <T> DiffAlgorithmI<T> create() {
                return new LineDiffAlgorithm<>();
            }

            @Override
            public <T> DiffAlgorithmI<T> create(BiPredicate<T, T> equalizer) {
                return new LineDiffAlgorithm<>(Objects.requireNonNull(equalizer, "equalizer"));
            }
        };
    }

    @Override
    public List<Change> computeDiff(List<T> source, List<T> target, DiffAlgorithmListener progress) {
        if (progress != null) {
            progress.diffStart();
        }
        EditScript edits = diff(source, target);
        List<Change> changes = new ArrayList<>(edits.count());
        for (int i = 0; i < edits.count(); i++) {
            int a0 = edits.beginA(i);
            int a1 = edits.endA(i);
            int b0 = edits.beginB(i);
            int b1 = edits.endB(i);
            DeltaType type = a0 == a1 ? DeltaType.INSERT : b0 == b1 ? DeltaType.DELETE : DeltaType.CHANGE;
            changes.add(new Change(type, a0, a1, b0, b1));
        }
        if (progress != null) {
            progress.diffEnd();
        }
        return changes;
    }

    /**
     * @param source the original elements
     * @param target the revised elements
     * @return the edits, and whether they are a shortest script
     */
    EditScript diff(List<T> source, List<T> target) {
        Map<Object, Integer> ids = new HashMap<>();
        List<T> representatives = new ArrayList<>();
        int[] a = intern(source, ids, representatives);
        int[] b = intern(target, ids, representatives);
        return SequenceDiff.diff(a, b, representatives.size());
    }

    private int[] intern(List<T> elements, Map<Object, Integer> ids, List<T> representatives) {
        int[] out = new int[elements.size()];
        int i = 0;
        for (T element : elements) {
            Object key = equalizer == null ? element : new Keyed<>(element, equalizer);
            Integer id = ids.get(key);
            if (id == null) {
                id = representatives.size();
                ids.put(key, id);
                representatives.add(element);
            }
            out[i++] = id;
        }
        return out;
    }

    /** An element under a custom equalizer, hashed by its own {@code hashCode}. */
    private record Keyed<T>(T element, BiPredicate<T, T> equalizer) {
        @Override
        @SuppressWarnings("unchecked")
        public boolean equals(Object o) {
            return o instanceof Keyed<?> k && equalizer.test(element, (T) k.element);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(element);
        }
    }
}
