package io.deltachain.api;

import io.deltachain.spi.DeltaStrategy;

/**
 * A provider that {@link DeltaRegistry} could not load: a class named in a
 * {@code META-INF/services} file that is missing, has no public no-argument constructor, throws
 * while being built, or needs a class that is not on the class path. Never fatal: the registry
 * keeps loading the others and repeats this failure in every later lookup error.
 *
 * @param service the SPI being loaded, e.g. {@code DeltaStrategy}
 * @param message what went wrong, as the JDK or the provider reported it
 * @param cause the underlying error
 */
public record ProviderFailure(String service, String message, Throwable cause) {
    @Override
    public String toString() {
        return service + " provider failed to load: " + message;
    }
}
