package io.deltachain.api;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Base type of the lookups that found no provider for an id: {@link UnknownStrategyException},
 * {@link UnknownCodecException} and {@link UnknownStateFormatException}.
 *
 * <p>Carries its facts as fields, so that a caller (the {@code delta} command, an application's
 * error page) can build its own advice without parsing the message: the {@link #id()} looked up,
 * the ids {@link #available()}, the published {@link #artifact()} that provides the id when one is
 * known, and the providers that {@linkplain #failures() failed to load}.
 */
public class UnknownProviderException extends DeltaException {
    private static final long serialVersionUID = 2L;

    private final String kind;
    private final String id;
    private final List<String> available;
    private final String artifact;
    private final transient List<ProviderFailure> failures;

    /**
     * @param kind what was looked up, for the message: {@code strategy}, {@code codec} or
     *     {@code state format}
     * @param service the SPI's interface, named in the advice for a user's own provider
     * @param id the id looked up
     * @param available the ids that are available, in the order to list them
     * @param artifact the published artifact that provides {@code id}, when one is known
     * @param failures providers that failed to load
     */
    protected UnknownProviderException(String kind, Class<?> service, String id, Collection<String> available,
                                       Optional<String> artifact, List<ProviderFailure> failures) {
        super(message(kind, service, id, available, artifact, failures));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.id = Objects.requireNonNull(id, "id");
        this.available = List.copyOf(available);
        this.artifact = artifact.orElse(null);
        this.failures = List.copyOf(failures);
    }

    /** @return what was looked up: {@code strategy}, {@code codec} or {@code state format} */
    public String kind() {
        return kind;
    }

    /** @return the id that was looked up */
    public String id() {
        return id;
    }

    /** @return the ids that are available, sorted */
    public List<String> available() {
        return available;
    }

    /**
     * @return the published artifact ({@code groupId:artifactId}) that provides {@link #id()}, or
     *     empty when no published artifact is known to (then no such provider is published)
     */
    public Optional<String> artifact() {
        return Optional.ofNullable(artifact);
    }

    /** @return the providers that failed to load (empty after deserialisation) */
    public List<ProviderFailure> failures() {
        return failures == null ? List.of() : failures;
    }

    private static String message(String kind, Class<?> service, String id, Collection<String> available,
                                  Optional<String> artifact, List<ProviderFailure> failures) {
        StringBuilder m = new StringBuilder("no ").append(kind).append(" '").append(id)
                .append("' on the class path. Available: ")
                .append(available.isEmpty() ? "none" : String.join(", ", available)).append('.');
        if (artifact.isPresent()) {
            m.append(" Add ").append(artifact.get()).append(" to your dependencies.");
        } else {
            m.append(" No published Deltachain artifact provides a ").append(kind).append(" '").append(id)
                    .append("'; if it is your own, list it in META-INF/services/").append(service.getName())
                    .append(" or register it with DeltaRegistry.builder().");
        }
        if (!failures.isEmpty()) {
            m.append(" Providers that failed to load: ");
            for (int i = 0; i < failures.size(); i++) {
                m.append(i == 0 ? "" : "; ").append(failures.get(i));
            }
            m.append('.');
        }
        return m.toString();
    }
}
