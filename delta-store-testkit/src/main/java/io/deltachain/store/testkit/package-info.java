/**
 * The contract every {@link io.deltachain.core.ChainStore} passes, for Deltachain's own stores and for
 * anyone who writes one (a database, an object store).
 *
 * <p>Add {@code io.deltachain:delta-store-testkit} and a JUnit Jupiter engine with test scope, then
 * extend {@link io.deltachain.store.testkit.ChainStoreContract}, supplying a fresh store
 * ({@code newStore()}) and, for a store kept outside the object, another instance over the same chain
 * ({@code reopen}). The inherited {@code @Test} methods check the port (round trips, manifest
 * generations, refused stale appends, reads of missing versions, the writer lock, consistent readers) and
 * {@link io.deltachain.core.DeltaChain} on top of it (stale appends re-diffed or refused, two writers,
 * rewrites seen whole); a store that can be damaged or torn in a test says how, and the damage and
 * recovery checks run too.
 */
package io.deltachain.store.testkit;
