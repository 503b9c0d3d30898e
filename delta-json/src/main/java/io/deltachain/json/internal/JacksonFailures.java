package io.deltachain.json.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Turns Jackson's mapping failures into our exceptions with our own messages: the type, the JSON
 * Pointer of the offending member and what was wrong with it, from the exception's structured fields.
 * Never Jackson's message text, which names no pointer, says {@code Source: UNKNOWN} or
 * {@code REDACTED}, and may quote the data; the Jackson exception stays attached as the cause.
 */
final class JacksonFailures {
    static final String TOO_DEEP = "nested too deeply for Jackson to map on this thread's stack,"
            + " or the object graph contains a cycle";
    private static final String CONFIGURE = "configure an ObjectMapper for it (a module, serializer,"
            + " deserializer or annotation) and use JsonFormats.of(type, mapper)";

    /** The longest Jackson message shown ({@link #readable}). */
    static final int MAX_MESSAGE = 200;
    /** A location Jackson writes into a message: {@code [Source: ...; line: 1, column: 5]}. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]",
            Pattern.DOTALL);

    private JacksonFailures() {
    }

    /**
     * @param what what failed, e.g. "cannot read com.example.Order from its canonical JSON"
     * @param e what Jackson threw while mapping {@code tree} to the type
     * @param tree the tree it was mapping
     * @param corrupt makes the exception for JSON that does not fit the type
     * @return the exception to throw
     */
    static DeltaException reading(String what, JsonMappingException e, JsonNode tree,
                                  BiFunction<String, Throwable, DeltaException> corrupt) {
        String at = what + " " + pathOf(e).where() + ": ";
        if (e.getCause() instanceof StackOverflowError) {
            return new LimitExceededException(Limit.STACK, -1, -1, at + TOO_DEEP, e);
        }
        if (e instanceof InvalidDefinitionException d) {
            return new InvalidStateException(at + "Jackson cannot create " + nameOf(d.getType()) + " (no constructor"
                    + " or factory it can use, or a type it does not handle by default); " + CONFIGURE, e);
        }
        String found = kind(nodeAt(tree, e));
        String reason;
        if (e instanceof PropertyBindingException p) {
            reason = (p.getReferringClass() == null ? "the type" : p.getReferringClass().getName())
                    + " has no property of that name that Jackson can set (a getter without a setter or"
                    + " constructor parameter? mark it @JsonIgnore)";
        } else if (e instanceof InvalidNullException) {
            reason = "found null where a value is required";
        } else if (e instanceof InvalidTypeIdException) {
            reason = "found a type id Jackson does not know";
        } else if (e instanceof MismatchedInputException m) {
            reason = "found " + found + (m.getTargetType() == null ? " that does not fit"
                    : " where " + m.getTargetType().getName() + " was expected");
        } else if (e.getCause() instanceof InputCoercionException c) {
            reason = "found " + found + " out of the range of " + c.getTargetType().getName();
        } else if (e instanceof ValueInstantiationException v) {
            reason = "the constructor or factory of " + nameOf(v.getType()) + " refused the values" + userCause(e);
        } else {
            reason = "found " + found + " that does not map" + userCause(e);
        }
        return corrupt.apply(at + reason, e);
    }

    /**
     * @param what what failed, e.g. "cannot write com.example.Order as JSON"
     * @param e what Jackson threw while serializing
     * @return the exception to throw
     */
    static DeltaException writing(String what, JsonMappingException e) {
        String at = what + " " + pathOf(e).where() + ": ";
        if (e.getCause() instanceof StackOverflowError) {
            return new InvalidStateException(at + TOO_DEEP, e);
        }
        if (e instanceof InvalidDefinitionException d) {
            JavaType type = d.getType();
            boolean time = type != null && type.getRawClass().getName().startsWith("java.time.");
            return new InvalidStateException(at + "Jackson cannot write " + nameOf(type)
                    + " (a type it does not handle by default, or an object that contains itself); " + CONFIGURE
                    + (time ? " (java.time types need the JavaTimeModule of jackson-datatype-jsr310)" : ""), e);
        }
        return new InvalidStateException(at + "Jackson could not write it" + userCause(e), e);
    }

    /**
     * Jackson's own description of a parse failure, made fit to show: its original message without the
     * location Jackson appends, on one line, a location inside it ({@code start marker at [Source:
     * REDACTED (...); line: 1, column: 1]}) as {@code line 1, column 1}, and at most
     * {@value #MAX_MESSAGE} characters (it may quote the input).
     *
     * @param e what Jackson's parser threw
     * @return the readable text; the exception's simple class name when it has no message
     */
    static String readable(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String text = SOURCE.matcher(message).replaceAll("line $1, column $2").replaceAll("\\s+", " ").trim();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    /**
     * @param e a failure outside Jackson's mapping exceptions
     * @return its description, with its message only when the failure is not Jackson's
     */
    static String describe(Throwable e) {
        return e instanceof JacksonException ? "Jackson failed (" + e.getClass().getSimpleName() + ")"
                : e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** @return ", because ..." naming the first cause that is the type's own code, not Jackson's; or "" */
    private static String userCause(Throwable e) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (!(c instanceof JacksonException)) {
                return ", because " + describe(c);
            }
        }
        return "";
    }

    private static JsonPath pathOf(JsonMappingException e) {
        JsonPath path = new JsonPath();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.pushName(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.pushIndex(r.getIndex());
            }
        }
        return path;
    }

    /** @return the node the failure's path leads to in {@code tree}, or null when there is none */
    private static JsonNode nodeAt(JsonNode tree, JsonMappingException e) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (node == null) {
                return null;
            }
            if (r.getFieldName() != null) {
                node = node.get(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                node = node.get(r.getIndex());
            }
        }
        return node;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a number with a fraction or exponent";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " node";
        };
    }

    private static String nameOf(JavaType type) {
        return type == null ? "the type" : TypedJsonFormat.nameOf(type);
    }
}
