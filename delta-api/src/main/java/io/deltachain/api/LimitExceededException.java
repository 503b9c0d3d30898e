package io.deltachain.api;

import java.util.Objects;

/**
 * An input would need more memory or depth than the caller's {@link Limits} (or the platform)
 * allow: a decoded payload, a state, a JSON nesting depth, a number literal, the free heap.
 *
 * <p>Carries its facts as fields: which {@link #limit()} was hit, the {@link #actual()} size or
 * depth the input needs (at least; a decoder stopped at the bound reports the point where it
 * stopped), the bound {@link #allowed()}, and a {@link #description()} of what and where without
 * advice, so that a caller can word its own advice (the {@code delta} command names its option for
 * the limit, e.g. {@code --max-size} or {@code --max-json-depth}). The message is the description followed by the library's advice.
 */
public class LimitExceededException extends DeltaException {
    private static final long serialVersionUID = 2L;

    private final Limit limit;
    private final long actual;
    private final long allowed;
    private final String description;

    /**
     * @param limit the bound that was hit
     * @param actual what the input needs (at least)
     * @param allowed the bound
     * @param description what was too large, and where, without advice (e.g. "JSON nesting deeper
     *     than 1000 at byte offset 2040")
     */
    public LimitExceededException(Limit limit, long actual, long allowed, String description) {
        this(limit, actual, allowed, description, null);
    }

    /**
     * @param limit the bound that was hit
     * @param actual what the input needs (at least)
     * @param allowed the bound
     * @param description what was too large, and where, without advice
     * @param cause the underlying failure, or null
     */
    public LimitExceededException(Limit limit, long actual, long allowed, String description, Throwable cause) {
        super(description + "; " + limit.advice(), cause);
        this.limit = Objects.requireNonNull(limit, "limit");
        this.actual = actual;
        this.allowed = allowed;
        this.description = bounded(description);
    }

    /** @return the bound that was hit */
    public Limit limit() {
        return limit;
    }

    /** @return what the input needs, at least; -1 when the bound is not counted (the {@link Limit#STACK}) */
    public long actual() {
        return actual;
    }

    /** @return the bound in force; -1 when it is not counted (the {@link Limit#STACK}) */
    public long allowed() {
        return allowed;
    }

    /** @return what was too large and where, without advice */
    public String description() {
        return description;
    }

    /**
     * @param context where this happened, e.g. "FILE b.json"
     * @return the same facts with {@code context} put before the description
     */
    public LimitExceededException in(String context) {
        return new LimitExceededException(limit, actual, allowed, context + ": " + description, this);
    }
}
