package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;

/**
 * When a file-backed {@link ChainStore} forces the appends it writes to the disk. {@link #always()} (the
 * default) forces every append before acknowledging it, so an acknowledged version survives a power loss;
 * {@link #everyRecords(int)} forces every n-th append (a power loss may take back up to n - 1 acknowledged
 * versions); {@link #never()} leaves appends to the operating system (a process crash loses nothing, a power
 * loss may take back any version appended since the last rewrite).
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
     * @param n force every n-th append, at least 1
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

    /** @param appends appends since the last force @return whether to force now */
    boolean forceAfter(int appends) {
        return every > 0 && appends >= every;
    }

    @Override
    public String toString() {
        return every == 0 ? "FsyncPolicy[never]" : every == 1 ? "FsyncPolicy[always]" : "FsyncPolicy[every " + every
                + " records]";
    }
}
