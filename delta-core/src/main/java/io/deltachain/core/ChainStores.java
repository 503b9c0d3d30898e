package io.deltachain.core;

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
}
