package io.deltachain.spi;

import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.util.function.Consumer;

/**
 * A strategy's patch in the standard file format other tools read and write, e.g. BSDIFF40 for
 * {@code bsdiff} and a unified diff for {@code text} ({@code delta strategies} lists what is
 * installed).
 *
 * <p>Unlike a record, a native patch carries no hash of its base: applying it to the wrong base is
 * not detected unless the format itself detects it. Implementations are thread-safe.
 *
 * @param <S> the state type
 */
public interface NativeFormat<S> {

    /** @return the format's usual name, e.g. {@code "BSDIFF40"} */
    String name();

    /**
     * @param base the older state
     * @param target the newer state
     * @return a patch in this format
     */
    byte[] diff(S base, S target);

    /**
     * @param base the state to patch
     * @param nativePatch a patch in this format, possibly from another tool or corrupt
     * @param limits bounds on allocation
     * @return the patched state
     * @throws DeltaException (a subtype) when the patch is malformed or does not fit
     */
    S apply(S base, byte[] nativePatch, Limits limits);

    /**
     * This format writing patches that name the two sides, for a format whose patches carry file
     * names (a unified diff's {@code ---} and {@code +++} lines); {@code delta diff --raw OLD NEW}
     * passes the file names. Formats that carry none (the default) ignore them.
     *
     * @param oldName the name of the base, e.g. {@code old/config.txt}
     * @param newName the name of the target
     * @return a format whose {@link #diff} writes those names; this one when the format carries none
     * @throws io.deltachain.api.DeltaConfigurationException when the format cannot write such a name
     *     (e.g. one with a line break)
     */
    default NativeFormat<S> withNames(String oldName, String newName) {
        return this;
    }

    /**
     * This format writing {@code lines} lines of unchanged context around each change, for a format
     * that has context (a unified diff: {@code diff -U}); {@code delta diff --raw -U N} asks for it.
     *
     * @param lines lines of context, 0 or more
     * @return a format whose {@link #diff} writes that context
     * @throws UnsupportedDeltaOperationException by default: the format has no context lines
     * @throws io.deltachain.api.DeltaConfigurationException when {@code lines} is negative
     */
    default NativeFormat<S> withContext(int lines) {
        throw new UnsupportedDeltaOperationException(name() + " patches have no context lines to set");
    }

    /**
     * Whether {@link #applyTolerantly} can place a patch made from a slightly different base, as GNU
     * {@code patch} does with offsets and fuzz; {@code delta apply --raw --fuzz N} needs it.
     *
     * @return {@code false} by default: the format applies exactly or not at all
     */
    default boolean appliesTolerantly() {
        return false;
    }

    /**
     * Applies a patch that may have been made from a slightly different base: a part that does not fit
     * where the patch says is looked for nearby, then with up to {@code maxFuzz} units of context
     * ignored (a unified diff: lines at each end of a hunk). Every such adjustment is reported, so the
     * caller can show the user what was not exact; a patch that fits exactly reports nothing.
     *
     * @param base the state to patch
     * @param nativePatch a patch in this format, possibly from another tool or corrupt
     * @param maxFuzz the most context a part may ignore, 0 or more (0 allows offsets only)
     * @param adjustments receives one line per adjustment, e.g. {@code Hunk #2 succeeded at 15 (offset 3 lines).}
     * @param limits bounds on allocation
     * @return the patched state
     * @throws UnsupportedDeltaOperationException by default, when {@link #appliesTolerantly()} is false
     * @throws DeltaException (a subtype) when the patch is malformed or a part fits nowhere
     */
    default S applyTolerantly(S base, byte[] nativePatch, int maxFuzz, Consumer<String> adjustments, Limits limits) {
        throw new UnsupportedDeltaOperationException(name() + " patches apply exactly or not at all; apply without"
                + " tolerance");
    }
}
