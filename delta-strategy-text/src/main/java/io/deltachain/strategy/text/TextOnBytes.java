package io.deltachain.strategy.text;

import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.api.StateFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import io.deltachain.strategy.text.internal.RecordPayload;
import io.deltachain.strategy.text.internal.TextDiff;
import io.deltachain.strategy.text.internal.Utf8Check;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code text} on {@code bytes} states (files, byte chains): the same payloads and unified diffs as
 * on {@code utf8-text}, byte for byte, for bytes that are valid UTF-8; other bytes are declined with
 * an {@link io.deltachain.api.InvalidStateException}. Obtained through
 * {@code TextStrategy.on(StateFormats.bytes())} or the registry's typed lookup. Thread-safe.
 */
final class TextOnBytes implements DeltaStrategy<byte[]> {
    @Override
    public String id() {
        return TextStrategy.ID;
    }

    @Override
    public StateFormat<byte[]> stateFormat() {
        return StateFormats.bytes();
    }

    @Override
    public byte[] diff(byte[] base, byte[] target) {
        Utf8Check.require(base, "base");
        Utf8Check.require(target, "target");
        return payload(base, target);
    }

    /**
     * Line tables of both sides (offsets, hashes, interned ids: a few ints a line, counted at one line
     * in eight bytes and at most four ints a line) and the payload, which holds the inserted lines.
     */
    @Override
    public long diffHeapBytes(long baseBytes, long targetBytes) {
        return heapBytes(baseBytes, targetBytes);
    }

    static long heapBytes(long baseBytes, long targetBytes) {
        return 2 * (baseBytes + targetBytes) + targetBytes;
    }

    static byte[] payload(byte[] base, byte[] target) {
        TextDiff d = TextDiff.of(base, target);
        return RecordPayload.encode(d);
    }

    @Override
    public byte[] apply(byte[] base, byte[] payload, Limits limits) {
        RecordPayload decoded = RecordPayload.decode(payload);
        Utf8Check.require(base, "base");
        return decoded.apply(base, limits);
    }

    @Override
    public boolean canCompose() {
        return true;
    }

    @Override
    public byte[] compose(byte[] first, byte[] second) {
        return RecordPayload.decode(first).compose(RecordPayload.decode(second));
    }

    @Override
    public PatchSummary summary(byte[] payload) {
        return RecordPayload.decode(payload).summary();
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
    public Optional<String> describe(byte[] base, byte[] payload, Limits limits) {
        RecordPayload decoded = RecordPayload.decode(payload);
        Utf8Check.require(base, "base");
        byte[] hunks = decoded.describe(base, UnifiedDiff.DEFAULT_CONTEXT, limits);
        return Optional.of(new String(hunks, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<NativeFormat<byte[]>> nativeFormat() {
        return Optional.of(new UnifiedOnBytes(UnifiedDiff.standard()));
    }

    /** The unified diff of bytes that are valid UTF-8. */
    private record UnifiedOnBytes(UnifiedDiff unified) implements NativeFormat<byte[]> {
        @Override
        public String name() {
            return UnifiedDiff.NAME;
        }

        @Override
        public byte[] diff(byte[] base, byte[] target) {
            Utf8Check.require(base, "base");
            Utf8Check.require(target, "target");
            return unified.diffBytes(base, target);
        }

        @Override
        public byte[] apply(byte[] base, byte[] nativePatch, Limits limits) {
            return unified.applyBytes(base, nativePatch, limits);
        }

        @Override
        public NativeFormat<byte[]> withNames(String oldName, String newName) {
            return new UnifiedOnBytes(unified.withLabels(oldName, newName));
        }

        @Override
        public NativeFormat<byte[]> withContext(int lines) {
            return new UnifiedOnBytes(unified.withContext(lines));
        }

        @Override
        public boolean appliesTolerantly() {
            return true;
        }

        @Override
        public byte[] applyTolerantly(byte[] base, byte[] nativePatch, int maxFuzz, Consumer<String> adjustments,
                                      Limits limits) {
            return unified.applyTolerantBytes(base, nativePatch, maxFuzz, adjustments, limits);
        }
    }

    @Override
    public String toString() {
        return TextStrategy.ID + " on bytes";
    }
}
