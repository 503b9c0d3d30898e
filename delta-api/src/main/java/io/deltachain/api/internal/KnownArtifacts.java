package io.deltachain.api.internal;

import java.util.Map;
import java.util.Optional;

/**
 * Which of our released artifacts provides a well-known id, so that "not found" can say what to add.
 * Only artifacts that exist are named: a hint must never send a user after a jar that is not there.
 */
public final class KnownArtifacts {
    private static final Map<String, String> STRATEGIES = Map.of(
            "dict", "io.deltachain:delta-strategy-dict",
            "bsdiff", "io.deltachain:delta-strategy-bsdiff");
    private static final Map<String, String> CODECS = Map.of(
            "identity", "io.deltachain:delta-api",
            "gzip", "io.deltachain:delta-codec-gzip");
    private static final Map<String, String> STATE_FORMATS = Map.of(
            "json-map", "io.deltachain:delta-json",
            "json-node", "io.deltachain:delta-json");

    private KnownArtifacts() {
    }

    /**
     * @param id a strategy id
     * @return the artifact that provides it, when it is one of ours
     */
    public static Optional<String> strategy(String id) {
        return Optional.ofNullable(STRATEGIES.get(id));
    }

    /**
     * @param id a codec id
     * @return the artifact that provides it, when it is one of ours
     */
    public static Optional<String> codec(String id) {
        return Optional.ofNullable(CODECS.get(id));
    }

    /**
     * @param id a state format id
     * @return the artifact that provides it, when it is one of ours
     */
    public static Optional<String> stateFormat(String id) {
        return Optional.ofNullable(STATE_FORMATS.get(id));
    }
}
