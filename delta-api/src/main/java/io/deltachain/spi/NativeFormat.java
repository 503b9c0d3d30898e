package io.deltachain.spi;

import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;

/**
 * A strategy's patch in the standard file format other tools read and write, e.g. BSDIFF40 for
 * {@code bsdiff} (the one native format shipped today; {@code delta strategies} lists what is
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
}
