package io.deltachain.strategy.text;

/**
 * Where one hunk of a unified diff was applied: at the line its header names, or, in tolerant mode,
 * at an offset from it and with some context lines ignored (fuzz), as GNU patch reports
 * "Hunk #2 succeeded at 15 (offset 3 lines)" or "with fuzz 1".
 *
 * @param hunk the hunk's number in the patch, from 1
 * @param expectedLine the first old line its header names, from 1
 * @param appliedLine the first old line it was applied at, from 1
 * @param offset {@code appliedLine - expectedLine}
 * @param fuzz the context lines ignored at each end, 0 when it matched whole
 */
public record HunkPlacement(int hunk, int expectedLine, int appliedLine, int offset, int fuzz) {
    /** @return whether the hunk went exactly where its header says, with all its context */
    public boolean exact() {
        return offset == 0 && fuzz == 0;
    }

    @Override
    public String toString() {
        if (exact()) {
            return "hunk " + hunk + " applied at line " + appliedLine;
        }
        return "hunk " + hunk + " applied at line " + appliedLine + (offset != 0 ? " (offset " + offset
                + (Math.abs(offset) == 1 ? " line)" : " lines)") : "") + (fuzz != 0 ? " with fuzz " + fuzz : "");
    }
}
