package io.deltachain.cli;

import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.ProviderFailure;
import io.deltachain.api.UnknownProviderException;

/**
 * The command's own advice for the library's failures, built from the facts the exceptions carry
 * (which limit, which id, which artifact), never by rewriting their messages.
 */
final class Hints {
    private Hints() {
    }

    /**
     * @param e a failure
     * @return what the command prints for it after {@code delta: }
     */
    static String forCommandLine(Throwable e) {
        if (e instanceof LimitExceededException limit) {
            return limit.description() + "; " + (limit.limit() == Limit.HEAP ? heapAdvice(limit)
                    : advice(limit.limit()));
        }
        if (e instanceof UnknownProviderException unknown) {
            return unknownProvider(unknown);
        }
        return String.valueOf(e.getMessage());
    }

    /** @return more heap than {@code e} needed, rounded up to whole GiB, as the option to give it */
    private static String heapAdvice(LimitExceededException e) {
        long max = Runtime.getRuntime().maxMemory();
        long needed = max - Math.max(0, e.allowed()) + Math.max(0, e.actual()); // in use now, and the work
        long gib = Math.max(1, (needed + needed / 8 + (1L << 30) - 1) >> 30);
        return "give the command more heap, e.g. DELTA_JAVA_OPTS=-Xmx" + gib + "g (it has " + (max >> 20)
                + " MiB), or use smaller files";
    }

    /** @return how to get past {@code limit} with this command */
    static String advice(Limit limit) {
        return switch (limit) {
            case PAYLOAD_BYTES, STATE_BYTES -> "raise it with --max-size (at most 2G) if the input is trusted";
            case EXPANSION_RATIO -> "raise it with --max-ratio (default " + Limits.DEFAULT_MAX_EXPANSION_RATIO
                    + ") if the input is trusted";
            case JSON_DEPTH -> "raise it with --max-json-depth (default " + Limits.DEFAULT_MAX_JSON_DEPTH
                    + ") if the input is trusted";
            case NUMBER_LENGTH -> "raise it with --max-number-length (default " + Limits.DEFAULT_MAX_NUMBER_LENGTH
                    + ") if the input is trusted";
            case NUMBER_EXPONENT -> "raise it with --max-number-exponent (default "
                    + Limits.DEFAULT_MAX_NUMBER_EXPONENT + ") if the input is trusted";
            case HEAP -> "give the command more heap, e.g. DELTA_JAVA_OPTS=-Xmx4g, or use smaller files";
            case ARRAY_SIZE -> "that is the largest Java array; no setting raises it";
            case STACK -> "give the command a larger stack, e.g. DELTA_JAVA_OPTS=-Xss16m";
        };
    }

    private static String unknownProvider(UnknownProviderException e) {
        StringBuilder m = new StringBuilder("no ").append(e.kind()).append(" '").append(e.id())
                .append("' is installed. Available: ")
                .append(e.available().isEmpty() ? "none" : String.join(", ", e.available())).append('.');
        if (e.artifact().isPresent()) {
            m.append(" It is in ").append(e.artifact().get())
                    .append(": put that jar (and the jars it needs) in plugins/ or $DELTA_PLUGINS.");
        } else {
            m.append(" No Deltachain artifact provides a ").append(e.kind()).append(" '").append(e.id())
                    .append("'; a plug-in of your own goes in plugins/ or $DELTA_PLUGINS.");
        }
        for (ProviderFailure f : e.failures()) {
            m.append(" ").append(f).append('.');
        }
        return m.append(" See 'delta strategies'.").toString();
    }
}
