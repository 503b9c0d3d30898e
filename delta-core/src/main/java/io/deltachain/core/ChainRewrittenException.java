package io.deltachain.core;

/**
 * A read was refused because another writer rewrote the chain (rebased, merged or cleared it) since
 * this {@link DeltaChain} read its head: the store now numbers its versions differently, so the bytes
 * just read may belong to the new chain and would be wrong under the old numbering. Nothing wrong is
 * returned and nothing is recorded as damage; call {@link DeltaChain#refresh()} and read again.
 */
public class ChainRewrittenException extends ChainStoreException {
    private static final long serialVersionUID = 1L;

    private final long seen;
    private final long found;

    /**
     * @param message what happened and what to do
     * @param seen the generation this chain read
     * @param found the generation the store holds now, -1 when it holds no chain
     */
    public ChainRewrittenException(String message, long seen, long found) {
        super(message);
        this.seen = seen;
        this.found = found;
    }

    /** @return the generation (see {@link ChainManifest#generation()}) this chain read */
    public long seenGeneration() {
        return seen;
    }

    /** @return the generation the store holds now, -1 when it holds no chain */
    public long foundGeneration() {
        return found;
    }
}
