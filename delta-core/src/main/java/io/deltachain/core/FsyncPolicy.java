package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;

/**
 * When a file-backed {@link ChainStore} forces the appends it writes to the disk.
 * <ul>
 *   <li>{@link #always()} (the default) forces every append before acknowledging it, so an acknowledged
 *       version survives a power loss;</li>
 *   <li>{@link #everyRecords(int) everyRecords(n)} forces the append of every version whose number plus one
 *       is a multiple of n (versions n - 1, 2n - 1, ...), and with it every version before, whichever writer
 *       or process appends it: a power loss takes back at most n - 1 acknowledged versions, however many
 *       writers take turns;</li>
 *   <li>{@link #never()} leaves appends to the operating system: a process crash loses nothing, a power
 *       loss may take back any version appended since the last rewrite.</li>
 * </ul>
 * <p>A forced append marks its index entry <i>forced</i>: a forced version and every one before it are never
 * dropped by recovery, and frames of theirs that go missing later (a truncated segment) are reported as damage.
 * The versions appended after the last forced one are not marked, and a truncation of their frames cannot be told
 * from a power loss: readers leave them out, {@code verify} reports them, and the next writer drops them, as a
 * torn tail. So under {@code always()} nothing acknowledged is ever dropped; under the others, what a power loss
 * may take back is also what a damaged disk may.
 *
 * <p>Whatever the policy, after a power loss the chain opens and holds a prefix of what was written (on a disk
 * that keeps a prefix of a file's unforced writes; docs/FORMAT.md, "Directory chain store", states the rule
 * and what is forced when). For that, <b>rewrites</b> (creating the chain, its first version, rebase, merge,
 * clear, the format 1 upgrade) and the truncations of <b>recovery</b> are forced under every policy,
 * {@code never()} included: they are rare, and an unforced rewrite could leave a {@code manifest.json} that is
 * empty, or that names files the disk never got, and then no chain at all. Immutable.
 *
 * @param every force every this many appends; 1 is always, 0 is never
 */
public record FsyncPolicy(int every) {
    /** Validates the interval. */
    public FsyncPolicy {
        if (every < 0) {
            throw new DeltaConfigurationException("fsync interval must be 0 (never) or more, got " + every);
        }
    }

    /** @return force every append before acknowledging it (the default) */
    public static FsyncPolicy always() {
        return new FsyncPolicy(1);
    }

    /**
     * @param n force the append of every n-th version, at least 1
     * @return the policy
     */
    public static FsyncPolicy everyRecords(int n) {
        if (n < 1) {
            throw new DeltaConfigurationException("fsync every n records needs n of at least 1, got " + n);
        }
        return new FsyncPolicy(n);
    }

    /** @return never force an append; the operating system writes back when it likes (rewrites are still forced) */
    public static FsyncPolicy never() {
        return new FsyncPolicy(0);
    }

    /**
     * @param index the version being appended (from 0; the chain's first version is a rewrite, always forced)
     * @return whether its append is forced before it is acknowledged: every n-th version by number, so that
     *     the promise holds whichever store instance or process appends
     */
    boolean forcesAppendOf(int index) {
        return every > 0 && ((long) index + 1) % every == 0;
    }

    @Override
    public String toString() {
        return every == 0 ? "FsyncPolicy[never]" : every == 1 ? "FsyncPolicy[always]" : "FsyncPolicy[every " + every
                + " records]";
    }
}
