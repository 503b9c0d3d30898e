package io.deltachain.core;

/**
 * The behaviour behind each {@link ChainPolicy} record: what adding a version does to a chain. The
 * records stay plain values; the chain asks {@link #of} once for the rule of its policy and
 * delegates every add to it. Called under the chain's write lock. Immutable.
 */
abstract class PolicyRule {

    /** @return the rule of {@code policy} */
    static PolicyRule of(ChainPolicy policy) {
        if (policy instanceof ChainPolicy.KeepAll) {
            return KEEP_ALL;
        }
        if (policy instanceof ChainPolicy.RebaseAfter r) {
            return new Rebase(r.maxLength());
        }
        if (policy instanceof ChainPolicy.MergeAfter m) {
            return new Merge(m.maxLength());
        }
        throw new AssertionError("a ChainPolicy without a rule: " + policy);
    }

    /** Adds {@code next} to a chain that holds at least one version. */
    abstract <S> void add(DeltaChain<S> chain, PreparedState<S> next);

    private static final PolicyRule KEEP_ALL = new PolicyRule() {
        @Override
        <S> void add(DeltaChain<S> chain, PreparedState<S> next) {
            chain.appendVersion(next);
        }
    };

    /** Past the bound, the new state becomes the only version: no delta is made for it. */
    private static final class Rebase extends PolicyRule {
        private final int maxLength;

        Rebase(int maxLength) {
            this.maxLength = maxLength;
        }

        @Override
        <S> void add(DeltaChain<S> chain, PreparedState<S> next) {
            if (chain.versions().count() + 1 > maxLength) {
                chain.replaceVersions(ChainVersions.only(chain.compressor(), next), 1, 1);
            } else {
                chain.appendVersion(next);
            }
        }
    }

    /** Past the bound, the oldest deltas fold into one, leaving half the bound (at least 2). */
    private static final class Merge extends PolicyRule {
        private final int maxLength;

        Merge(int maxLength) {
            this.maxLength = maxLength;
        }

        @Override
        <S> void add(DeltaChain<S> chain, PreparedState<S> next) {
            chain.appendVersion(next);
            if (chain.versions().count() > maxLength) {
                chain.replaceVersions(chain.versions().foldOldest(Math.max(2, maxLength / 2)), 0, 1);
            }
        }
    }
}
