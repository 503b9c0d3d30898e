package io.deltachain.core;

import java.util.List;

/**
 * What a store's recovery did when a writer took its lock: the torn or corrupt tail it truncated, the
 * unfinished rewrite it rolled forward or discarded. Empty when the store was clean. Immutable.
 *
 * @param actions one line per thing dropped or finished, naming the file, offsets and versions
 */
public record StoreRecovery(List<String> actions) {
    /** A recovery that found nothing to do. */
    public static final StoreRecovery CLEAN = new StoreRecovery(List.of());

    /** Copies the list. */
    public StoreRecovery {
        actions = List.copyOf(actions);
    }

    /** @return whether recovery found nothing to do */
    public boolean isClean() {
        return actions.isEmpty();
    }
}
