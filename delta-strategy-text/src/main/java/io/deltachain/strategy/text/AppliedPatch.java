package io.deltachain.strategy.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The result of applying a unified diff tolerantly: the patched bytes and where every hunk went.
 * Immutable; the bytes are copied in and out.
 *
 * @param text the patched text's bytes
 * @param placements one per hunk, in patch order
 */
public record AppliedPatch(byte[] text, List<HunkPlacement> placements) {
    /** Copies both. */
    public AppliedPatch {
        text = text.clone();
        placements = List.copyOf(placements);
    }

    @Override
    public byte[] text() {
        return text.clone();
    }

    /** @return the patched text decoded as UTF-8 (the caller's base was text, so it is) */
    public String asString() {
        return new String(text, StandardCharsets.UTF_8);
    }

    /** @return whether every hunk went where its header says, with all its context */
    public boolean exact() {
        return placements.stream().allMatch(HunkPlacement::exact);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppliedPatch p && Arrays.equals(text, p.text) && placements.equals(p.placements);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(text) + placements.hashCode();
    }

    @Override
    public String toString() {
        return "AppliedPatch[" + text.length + " bytes, " + placements + "]";
    }
}
