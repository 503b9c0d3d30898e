package io.deltachain.api;

import io.deltachain.spi.DeltaStrategy;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * No delta strategy with the requested id is on the class path (or registered). Its fields say which id was looked up, which ids are available, the published artifact
 * that provides the missing one when there is one, and any provider that failed to load.
 */
public class UnknownStrategyException extends UnknownProviderException {
    private static final long serialVersionUID = 2L;

    /**
     * @param id the id looked up
     * @param available the ids that are available
     * @param artifact the published artifact that provides {@code id}, when one is known
     * @param failures providers that failed to load
     */
    public UnknownStrategyException(String id, Collection<String> available, Optional<String> artifact,
                                  List<ProviderFailure> failures) {
        super("strategy", DeltaStrategy.class, id, available, artifact, failures);
    }
}
