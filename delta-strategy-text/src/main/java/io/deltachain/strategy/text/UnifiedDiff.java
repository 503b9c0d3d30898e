package io.deltachain.strategy.text;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.api.UnsupportedDeltaOperationException;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.text.internal.PatchApplier;
import io.deltachain.strategy.text.internal.TextDiff;
import io.deltachain.strategy.text.internal.UnifiedPatch;
import io.deltachain.strategy.text.internal.UnifiedWriter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code text} strategy's native format: unified diffs, as GNU {@code diff -u} writes them and
 * GNU {@code patch} and {@code git apply} read them, byte for byte — every line keeps its own
 * terminator ({@code \r\n} and a lone {@code \r} stay as they are), a last line without a newline is
 * followed by {@code \ No newline at end of file}, an empty old or new text gives {@code -0,0} or
 * {@code +0,0} ranges, and identical texts give an empty patch.
 *
 * <p>{@link #apply} reads the output of {@code diff -u}, {@code git diff} (its {@code diff --git},
 * {@code index} and mode lines, {@code -U0} hunks) and Python's {@code difflib.unified_diff}, strictly:
 * a hunk whose context or removed lines differ from the text is a {@link HunkMismatchException}
 * naming the hunk and the line. {@link #applyTolerant} places hunks at an offset and with fuzz as GNU
 * patch does, and reports what it used. A patch of several files is an
 * {@link UnsupportedDeltaOperationException}; a malformed one a {@link CorruptDeltaException}
 * naming the patch line. A native patch carries no hash of its base: only its context lines check it.
 *
 * <p>Immutable and thread-safe; {@code with...} return modified copies.
 */
public final class UnifiedDiff implements NativeFormat<String> {
    /** The format's name. */
    public static final String NAME = "unified diff";
    /** Lines of context by default, as {@code diff -u}. */
    public static final int DEFAULT_CONTEXT = 3;
    /** GNU patch's default maximum fuzz. */
    public static final int DEFAULT_MAX_FUZZ = 2;

    private static final UnifiedDiff STANDARD = new UnifiedDiff(DEFAULT_CONTEXT, "a/file", "b/file");

    private final int context;
    private final String oldLabel;
    private final String newLabel;

    private UnifiedDiff(int context, String oldLabel, String newLabel) {
        this.context = context;
        this.oldLabel = oldLabel;
        this.newLabel = newLabel;
    }

    /** @return three lines of context, labels {@code a/file} and {@code b/file} */
    public static UnifiedDiff standard() {
        return STANDARD;
    }

    /**
     * @param lines lines of context around each change, 0 or more ({@code diff -U})
     * @return a copy with that context
     */
    @Override
    public UnifiedDiff withContext(int lines) {
        if (lines < 0) {
            throw new DeltaConfigurationException("context must be 0 or more lines, got " + lines);
        }
        return new UnifiedDiff(lines, oldLabel, newLabel);
    }

    /**
     * @param oldName the name after {@code ---} (e.g. {@code a/src/Main.java})
     * @param newName the name after {@code +++}
     * @return a copy with those labels
     */
    public UnifiedDiff withLabels(String oldName, String newName) {
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
        if (oldName.isBlank() || newName.isBlank() || (oldName + newName).chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new DeltaConfigurationException("labels must be non-blank single lines, got '" + oldName + "' and '"
                    + newName + "'");
        }
        return new UnifiedDiff(context, oldName, newName);
    }

    /** Same as {@link #withLabels}: the names after {@code ---} and {@code +++}. */
    @Override
    public UnifiedDiff withNames(String oldName, String newName) {
        return withLabels(oldName, newName);
    }

    /** @return the lines of context */
    public int context() {
        return context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] diff(String base, String target) {
        return diffBytes(StateFormats.utf8().toBytes(base), StateFormats.utf8().toBytes(target));
    }

    /**
     * @param base the old text's bytes
     * @param target the new text's bytes
     * @return the unified diff, byte for byte what the texts hold
     */
    public byte[] diffBytes(byte[] base, byte[] target) {
        TextDiff d = TextDiff.of(base, target);
        return UnifiedWriter.write(d.a(), d.b(), d.edits(), context, oldLabel, newLabel);
    }

    @Override
    public String apply(String base, byte[] nativePatch, Limits limits) {
        byte[] result = applyBytes(StateFormats.utf8().toBytes(base), nativePatch, limits);
        return StateFormats.utf8().fromBytes(result, limits);
    }

    /**
     * Applies strictly: every hunk where its header says, all its lines matching.
     *
     * @param base the text's bytes
     * @param nativePatch a single-file unified diff
     * @param limits bounds on the result
     * @return the patched bytes
     */
    public byte[] applyBytes(byte[] base, byte[] nativePatch, Limits limits) {
        return PatchApplier.apply(base, UnifiedPatch.parse(nativePatch), -1, limits).text();
    }

    /**
     * Applies as GNU patch does by default: a hunk that does not fit where its header says is looked
     * for nearby (offset), then with up to {@link #DEFAULT_MAX_FUZZ} context lines ignored at each end.
     *
     * @param base the text's bytes
     * @param nativePatch a single-file unified diff
     * @param limits bounds on the result
     * @return the patched bytes and each hunk's placement
     */
    public AppliedPatch applyTolerant(byte[] base, byte[] nativePatch, Limits limits) {
        return applyTolerant(base, nativePatch, DEFAULT_MAX_FUZZ, limits);
    }

    /**
     * @param base the text's bytes
     * @param nativePatch a single-file unified diff
     * @param maxFuzz the most context lines a hunk may ignore at each end (0 allows offsets only)
     * @param limits bounds on the result
     * @return the patched bytes and each hunk's placement
     */
    public AppliedPatch applyTolerant(byte[] base, byte[] nativePatch, int maxFuzz, Limits limits) {
        if (maxFuzz < 0) {
            throw new DeltaConfigurationException("maxFuzz must be 0 or more, got " + maxFuzz);
        }
        PatchApplier.Result r = PatchApplier.apply(base, UnifiedPatch.parse(nativePatch), maxFuzz, limits);
        return new AppliedPatch(r.text(), r.placements());
    }

    @Override
    public boolean appliesTolerantly() {
        return true;
    }

    /** {@link #applyTolerant} with its placements reported as GNU patch words them; exact hunks report nothing. */
    @Override
    public String applyTolerantly(String base, byte[] nativePatch, int maxFuzz, Consumer<String> adjustments,
                                  Limits limits) {
        byte[] result = applyTolerantBytes(StateFormats.utf8().toBytes(base), nativePatch, maxFuzz, adjustments, limits);
        return StateFormats.utf8().fromBytes(result, limits);
    }

    /**
     * {@link #applyTolerant(byte[], byte[], int, Limits)}, reporting each placement that was not exact.
     *
     * @param base the text's bytes
     * @param nativePatch a single-file unified diff
     * @param maxFuzz the most context lines a hunk may ignore at each end
     * @param adjustments receives one line per hunk placed at an offset or with fuzz
     * @param limits bounds on the result
     * @return the patched bytes
     */
    public byte[] applyTolerantBytes(byte[] base, byte[] nativePatch, int maxFuzz, Consumer<String> adjustments,
                                     Limits limits) {
        AppliedPatch applied = applyTolerant(base, nativePatch, maxFuzz, limits);
        applied.placements().stream().filter(p -> !p.exact()).forEach(p -> adjustments.accept(p.toString()));
        return applied.text();
    }

    @Override
    public String toString() {
        return NAME + " (-U" + context + ")";
    }
}
