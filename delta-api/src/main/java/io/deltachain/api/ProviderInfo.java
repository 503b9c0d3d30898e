package io.deltachain.api;

import java.util.Optional;

/**
 * One provider known to a {@link DeltaRegistry}, for listings such as {@code delta strategies}.
 *
 * @param kind {@code "strategy"}, {@code "codec"} or {@code "state-format"}
 * @param id the provider's id
 * @param className the implementing class
 * @param location the jar or directory the class came from, or {@code "built-in"}
 * @param origin how the registry got it
 * @param stateFormat the state format id, for strategies; empty otherwise
 * @param nativeFormat the native patch format's name, for strategies that have one
 */
public record ProviderInfo(String kind, String id, String className, String location, Origin origin,
                           Optional<String> stateFormat, Optional<String> nativeFormat) {

    /** How a registry came to hold a provider. */
    public enum Origin {
        /** Part of {@code delta-api} itself. */
        BUILT_IN,
        /** Found with {@link java.util.ServiceLoader}. */
        DISCOVERED,
        /** Handed to {@link DeltaRegistry.Builder}; replaces a discovered provider of the same id. */
        EXPLICIT
    }
}
