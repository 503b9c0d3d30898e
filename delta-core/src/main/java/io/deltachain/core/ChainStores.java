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
     * @throws ChainStoreException when the first version has no snapshot, a later one no record, or either map
     *     holds a version the chain does not
     */
    static void checkComplete(ChainManifest manifest, SortedMap<Integer, byte[]> snapshots,
                              SortedMap<Integer, byte[]> records) {
        int length = manifest.length();
        int first = manifest.first();
        String chain = first == 0 ? "a chain of " + length + " versions" : "a chain of versions " + first + " to "
                + (length - 1);
        if (length > 0 && !snapshots.containsKey(first)) {
            throw new ChainStoreException(chain + " needs the snapshot of version " + first);
        }
        for (int i = first + 1; i < length; i++) {
            if (!records.containsKey(i)) {
                throw new ChainStoreException(chain + " needs the record of version " + i);
            }
        }
        if (!snapshots.isEmpty() && (snapshots.firstKey() < first || snapshots.lastKey() >= length)
                || !records.isEmpty() && (records.firstKey() <= first || records.lastKey() >= length)) {
            throw new ChainStoreException(chain + " holds no version outside them: the rewrite names versions "
                    + (snapshots.isEmpty() ? "" : "(snapshots " + snapshots.firstKey() + " to " + snapshots.lastKey()
                    + ")") + (records.isEmpty() ? "" : " (records " + records.firstKey() + " to " + records.lastKey()
                    + ")"));
        }
    }
}
