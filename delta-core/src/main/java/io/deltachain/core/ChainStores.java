package io.deltachain.core;

import java.util.SortedMap;

/** Rules every store applies the same way. */
final class ChainStores {
    private ChainStores() {
    }

    /**
     * The store's half of "no stale appends": an append must follow the head it is written against.
     *
     * @throws ConcurrentAppendException when {@code next} is not {@code stored} with one version more
     */
    static void checkFollows(ChainManifest stored, ChainManifest next, ChainStore store) {
        if (stored == null) {
            throw new ConcurrentAppendException(store + " holds no chain to append to; create it first", null, stored);
        }
        if (next.length() != stored.length() + 1 || next.generation() != stored.generation()) {
            throw new ConcurrentAppendException("append of version " + (next.length() - 1) + " (generation "
                    + next.generation() + ") does not follow the head of " + store + " (" + stored.length()
                    + " versions, generation " + stored.generation() + "); another writer moved it: reopen the chain",
                    next.withLength(next.length() - 1), stored);
        }
    }

    /**
     * The store's half of "every write one atomic step": a replace holds every version it counts, so that
     * it is refused before anything is written rather than stored unreadable.
     *
     * @throws ChainStoreException when version 0 has no snapshot or a version from 1 has no record
     */
    static void checkComplete(ChainManifest manifest, SortedMap<Integer, byte[]> snapshots,
                              SortedMap<Integer, byte[]> records) {
        int length = manifest.length();
        if (length > 0 && !snapshots.containsKey(0)) {
            throw new ChainStoreException("a chain of " + length + " versions needs the snapshot of version 0");
        }
        for (int i = 1; i < length; i++) {
            if (!records.containsKey(i)) {
                throw new ChainStoreException("a chain of " + length + " versions needs the record of version " + i);
            }
        }
    }
}
