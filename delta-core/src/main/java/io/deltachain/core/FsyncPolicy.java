package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;

/**
 * When a file-backed {@link ChainStore} forces what it wrote to the disk. {@link #always()} (the
 * default) forces every append and every rename, the directory included, before acknowledging it, so an
 * acknowledged version survives a power loss; {@link #everyRecords(int)} forces every n-th append (a
 * power loss may take back up to n - 1 acknowledged versions, never leave a damaged chain); {@link #never()}
 * leaves it to the operating system (a process crash loses nothing, a power loss may lose any unforced
 * tail). Rewrites (rebase, merge, clear) are forced under every policy but {@code never}. Immutable.
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

    /** @return force every append and rename before acknowledging it (the default) */
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

    /** @return never force; the operating system writes back when it likes */
    public static FsyncPolicy never() {
        return new FsyncPolicy(0);
    }

    /** @param appends appends since the last force @return whether to force now */
    boolean forceAfter(int appends) {
        return every > 0 && appends >= every;
    }

    /** @return whether renames and rewrites are forced */
    boolean forcesRewrites() {
        return every > 0;
    }

    @Override
    public String toString() {
        return every == 0 ? "FsyncPolicy[never]" : every == 1 ? "FsyncPolicy[always]" : "FsyncPolicy[every " + every
                + " records]";
    }
}
