package io.deltachain.store.testkit.core;

import io.deltachain.core.ChainStore;
import io.deltachain.core.InMemoryChainStore;
import io.deltachain.store.testkit.ChainStoreContract;

/**
 * The in-memory store keeps the store contract. It lives in one object, so {@code reopen} is the store
 * itself, and it has nothing to damage or tear from outside: those two checks are skipped.
 */
class InMemoryChainStoreContractTest extends ChainStoreContract {
    @Override
    protected ChainStore newStore() {
        return new InMemoryChainStore();
    }
}
