package io.deltachain.strategy.text;

import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.api.StateFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import io.deltachain.strategy.text.internal.RecordPayload;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code text} strategy: line deltas of UTF-8 text.
 *
 * <p>Lines keep their terminators, so {@code \r\n}, a lone {@code \r}, a missing final newline and
 * text outside the BMP come back byte for byte. The diff ({@link LineDiffAlgorithm}) splits at lines
 * unique to both sides (patience anchors) and aligns the rest with Myers' algorithm in linear space;
 * memory is linear in the input for any pair, and a work budget bounds time. When the budget or
 * Myers' cost cutoff gives up on a shortest script, the record payload's flag says the diff is not
 * minimal (it is still exact).
 *
 * <p>Record payloads store hunks without context ({@code DLTTXT}, docs/FORMAT.md), since a record's
 * base hash pins the base; they compose exactly, and {@link #summary} gives added and removed line
 * counts and the changed line ranges of the base. The native format is a unified diff
 * ({@link UnifiedDiff}) that GNU patch and git apply read. The strategy also serves {@code bytes}
 * states ({@link #on}) that are valid UTF-8, byte for byte, and declines others with an
 * {@link io.deltachain.api.InvalidStateException}, which {@code auto} skips.
 *
 * <p>Thread-safe and stateless.
 */
public final class TextStrategy implements DeltaStrategy<String> {
    /** The id. */
    public static final String ID = "text";

    private final TextOnBytes bytes = new TextOnBytes();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StateFormat<String> stateFormat() {
        return StateFormats.utf8();
    }

    /** As on bytes ({@link TextOnBytes}), plus the UTF-8 bytes of both strings. */
    @Override
    public long diffHeapBytes(long baseBytes, long targetBytes) {
        return TextOnBytes.heapBytes(baseBytes, targetBytes) + baseBytes + targetBytes;
    }

    @Override
    public byte[] diff(String base, String target) {
        return TextOnBytes.payload(StateFormats.utf8().toBytes(base), StateFormats.utf8().toBytes(target));
    }

    @Override
    public String apply(String base, byte[] payload, Limits limits) {
        byte[] result = RecordPayload.decode(payload).apply(StateFormats.utf8().toBytes(base), limits);
        return StateFormats.utf8().fromBytes(result, limits);
    }

    @Override
    public boolean canCompose() {
        return true;
    }

    @Override
    public byte[] compose(byte[] first, byte[] second) {
        return bytes.compose(first, second);
    }

    @Override
    public PatchSummary summary(byte[] payload) {
        return bytes.summary(payload);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code text}: the hunks as a unified diff shows them, {@code @@ -a,n +b,m @@} headers and
     * the {@code +} lines; the record holds only the count of the removed lines, which the header
     * states ("2 lines removed").
     */
    @Override
    public Optional<String> describe(byte[] payload) {
        return Optional.of(new String(RecordPayload.decode(payload).describe(), StandardCharsets.UTF_8));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code text}: the hunks of a unified diff with {@value UnifiedDiff#DEFAULT_CONTEXT} lines of
     * context, as {@link UnifiedDiff} writes them without the {@code ---}/{@code +++} lines: the
     * payload's own hunks, not a fresh diff.
     */
    @Override
    public Optional<String> describe(String base, byte[] payload, Limits limits) {
        RecordPayload decoded = RecordPayload.decode(payload);
        byte[] hunks = decoded.describe(StateFormats.utf8().toBytes(base), UnifiedDiff.DEFAULT_CONTEXT, limits);
        return Optional.of(new String(hunks, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<NativeFormat<String>> nativeFormat() {
        return Optional.of(UnifiedDiff.standard());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<DeltaStrategy<T>> on(StateFormat<T> format) {
        return format.id().equals(StateFormats.BYTES_ID) ? Optional.of((DeltaStrategy<T>) bytes) : Optional.empty();
    }

    @Override
    public String toString() {
        return ID;
    }
}
