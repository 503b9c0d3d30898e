package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.json.JsonValues;
import io.deltachain.strategy.jsonpatch.InvalidPatchException;
import io.deltachain.strategy.jsonpatch.JsonPatchException.Problem;
import io.deltachain.strategy.jsonpatch.PatchConflictException;
import io.deltachain.strategy.jsonpatch.PatchTestFailedException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Applies RFC 6902 operations to a deep copy of the document, one after the other, so that a failing
 * operation leaves the caller's document untouched (RFC 6902 section 5: the patch is applied whole or
 * not at all). Not thread-safe: one instance per application.
 */
public final class PatchApplier {
    /** How many times the heap of a copied tree is charged: the tree, and the collector's copy of it. */
    private static final int COLLECTOR_COPIES = 2;
    /**
     * The heap copies may add per byte of {@link Limits#maxStateBytes()}: the ratio alone allows gigabytes
     * for a large document (a 900 KB document of empty arrays copied 400 times ran out of a 6 GiB heap).
     */
    private static final long HEAP_PER_STATE_BYTE = 2;
    /** Work every patch may do, whatever its size: array elements moved and nodes walked. */
    static final long WORK_ALLOWANCE = 1L << 24;
    /** {@link Limits#maxExpansionRatio()} divided by this is the work allowed per byte of patch and document. */
    static final int RATIO_PER_WORK = 512;
    /**
     * Work a container walked for its depth counts for: walking takes a hundred times the nanosecond
     * that moving an element takes (measured), and a patch our diff writes walks nothing.
     */
    static final int WALK_COST = 16;
    /** Work every value a depth walk steps over counts for (a scalar costs about 20 ns to step over). */
    static final int STEP_COST = 8;
    private final Limits limits;
    private final JsonNode document;
    private final long encodedBytes;
    /** The heap that copies may add: what the expansion ratio allows; -1 until the first copy. */
    private long heapBound = -1;
    private long documentBytes;
    private JsonNode root;
    private int index;
    private Op op;
    /** JSON text that copy operations have added so far (estimated): bounded, since each copy can double the document. */
    private long copied;
    /** Heap that copy operations have added so far (estimated, {@link Trees#heapAtLeast}). */
    private long copiedHeap;
    /**
     * Array elements that inserts and removals have moved, and nodes that depth checks have walked:
     * each can cost the document's size, so a small patch of many could run for minutes.
     */
    private long work;
    /** The work the patch may do; -1 until the work passes {@link #WORK_ALLOWANCE}. */
    private long workBound = -1;
    /** Where to note, per operation, the value it replaced or removed; null when nobody asks. */
    private final JsonNode[] before;
    /** How many operations the patch has, for the estimate a refusal gives. */
    private int operations;

    private PatchApplier(JsonNode document, long encodedBytes, Limits limits, JsonNode[] before) {
        this.document = document;
        this.root = Trees.copy(document);
        this.encodedBytes = encodedBytes;
        this.limits = limits;
        this.before = before;
    }

    /**
     * @param document the document; never modified
     * @param ops the operations, in order
     * @param encodedBytes the size of the patch the operations were read from
     * @param limits bounds: the bytes that {@code copy} operations add count against {@link Limits#maxStateBytes()}
     *     and against what the expansion ratio allows for the patch and the document ({@link Limits#maxExpandedBytes})
     * @return the patched document, sharing no container with {@code document}
     * @throws io.deltachain.strategy.jsonpatch.JsonPatchException (a subtype) naming the failing operation
     */
    public static JsonNode apply(JsonNode document, List<Op> ops, long encodedBytes, Limits limits) {
        return apply(document, ops, encodedBytes, limits, null);
    }

    /**
     * As {@link #apply(JsonNode, List, long, Limits)}, noting what each operation replaced or removed.
     *
     * @param document the document; never modified
     * @param ops the operations, in order
     * @param encodedBytes the size of the patch the operations were read from
     * @param limits bounds
     * @param before null, or an array as long as {@code ops} that receives, for each {@code replace},
     *     {@code remove} and {@code add} onto an existing member, the value that was there (the other
     *     entries stay null)
     * @return the patched document
     */
    public static JsonNode apply(JsonNode document, List<Op> ops, long encodedBytes, Limits limits,
                                 JsonNode[] before) {
        PatchApplier applier = new PatchApplier(document, encodedBytes, limits, before);
        applier.operations = ops.size();
        for (int i = 0; i < ops.size(); i++) {
            applier.index = i;
            applier.op = ops.get(i);
            applier.applyOne();
        }
        return applier.root;
    }

    private void applyOne() {
        switch (op.kind()) {
            case ADD -> add(Pointers.tokens(op.path()), op.value(), "path");
            case REMOVE -> note(remove(Pointers.tokens(op.path()), "path"));
            case REPLACE -> replace(Pointers.tokens(op.path()), op.value());
            case MOVE -> move();
            case COPY -> add(Pointers.tokens(op.path()), copyOf(get(Pointers.tokens(op.from()), "from")), "path");
            case TEST -> test();
            default -> throw new IllegalStateException(op.kind().toString());
        }
    }

    /**
     * Copies a value for a {@code copy} operation, charging what the copies add so far twice: their
     * JSON text against {@link Limits#maxStateBytes()} (the result must fit), and the heap their trees
     * take against what the expansion ratio allows for the patch and the document, since each copy
     * can double the document and a tree of small containers takes 10 to 30 times its text. The heap
     * is counted {@value #COLLECTOR_COPIES} times: a copy that survives is copied again by the garbage
     * collector, and the process's peak holds both (measured: a patch of doubling copies refused at the
     * bound took twice its trees' size in resident memory).
     */
    private JsonNode copyOf(JsonNode value) {
        long bound = limits.maxStateBytes();
        if (heapBound < 0) { // the document's size is needed only once a patch copies
            heapBound = Math.min(limits.maxExpandedBytes(encodedBytes, documentBytes()), HEAP_PER_STATE_BYTE * bound);
        }
        copiedHeap += COLLECTOR_COPIES * Trees.heapAtLeast(value, heapBound);
        if (copiedHeap > heapBound) {
            limits.checkExpansion(copiedHeap, encodedBytes, documentBytes, where()
                    + ": what the copy operations of this patch add to the document in memory (estimated)");
            throw new LimitExceededException(Limit.STATE_BYTES, copiedHeap, heapBound, where() + ": the copy"
                    + " operations of this patch add about " + copiedHeap + " bytes of trees in memory (estimated,"
                    + " counted twice for the collector), above " + HEAP_PER_STATE_BYTE + " times the state limit ("
                    + bound + " bytes, Limits.maxStateBytes)");
        }
        copied += Trees.sizeAtLeast(value, bound);
        if (copied > bound) {
            throw new LimitExceededException(Limit.STATE_BYTES, copied, bound, where()
                    + ": the copy operations of this patch add more than " + bound + " bytes to the document");
        }
        return Trees.copy(value);
    }

    private long documentBytes() {
        if (documentBytes == 0) {
            documentBytes = Trees.sizeAtLeast(document, limits.maxStateBytes());
        }
        return documentBytes;
    }

    /**
     * Charges work that an operation is about to do (or has just done, for a walk no longer than the
     * document): refused once the patch's total passes {@link #WORK_ALLOWANCE} + the expansion ratio
     * / {@value #RATIO_PER_WORK} (64 by default) per byte of patch and document. An element moved
     * counts 1; a depth walk {@value #STEP_COST} for every value it steps over and {@value #WALK_COST}
     * more for every container it opens. A patch our diff
     * writes moves each array's elements at most twice in all, and walks nothing, so it stays far
     * below; 10,000 {@code remove}s alternating between both ends of a 10<sup>6</sup>-element array
     * do not.
     */
    private void charge(long units) {
        work += units;
        if (work <= WORK_ALLOWANCE) {
            return;
        }
        long perByte = Math.max(1, limits.maxExpansionRatio() / RATIO_PER_WORK);
        if (workBound < 0) {
            long inputs = encodedBytes + documentBytes();
            workBound = inputs > (Long.MAX_VALUE - WORK_ALLOWANCE) / perByte ? Long.MAX_VALUE
                    : WORK_ALLOWANCE + perByte * inputs;
        }
        if (work > workBound) {
            // At the rate so far, the whole patch would need about this much: say which ratio would allow it.
            double projected = (double) work * operations / (index + 1);
            double ratio = Math.ceil((projected - WORK_ALLOWANCE) / (encodedBytes + documentBytes)) * RATIO_PER_WORK;
            throw new LimitExceededException(Limit.EXPANSION_RATIO, work, workBound, where() + ": the operations of"
                    + " this patch so far move array elements and walk nodes for " + work + " units of work, above the "
                    + workBound + " that the expansion ratio allows for a " + encodedBytes + "-byte patch on a document"
                    + " of " + documentBytes + " canonical bytes (" + WORK_ALLOWANCE + " + " + perByte + " per byte,"
                    + " Limits.maxExpansionRatio / " + RATIO_PER_WORK + "); at this rate its " + operations
                    + " operations need about " + String.format(java.util.Locale.ROOT, "%.0f", projected)
                    + " units, a ratio of about " + String.format(java.util.Locale.ROOT, "%.0f", ratio));
        }
    }

    /** @return how many elements an insert or removal at {@code i} moves */
    private static long editCost(ArrayNode array, int i) {
        return array instanceof EditableArray editable ? editable.editCost(i) : array.size() - (long) i;
    }

    private void move() {
        if (op.from().equals(op.path())) {
            get(Pointers.tokens(op.from()), "from"); // must exist; moving a value onto itself changes nothing
            return;
        }
        if (Pointers.isProperPrefix(op.from(), op.path())) {
            throw new InvalidPatchException(Problem.MOVE_INTO_OWN_CHILD, index, where()
                    + ": \"path\" lies inside \"from\", and a value cannot be moved into its own child");
        }
        JsonNode value = remove(Pointers.tokens(op.from()), "from");
        add(Pointers.tokens(op.path()), value, "path");
    }

    private void test() {
        JsonNode actual = get(Pointers.tokens(op.path()), "path");
        if (!Trees.equal(actual, op.value())) {
            throw new PatchTestFailedException(Problem.TEST_FAILED, index, where() + ": the document holds "
                    + abbreviate(actual) + ", not " + abbreviate(op.value()));
        }
    }

    /**
     * Refuses a value that would nest deeper than {@link Limits#maxJsonDepth()} where it goes: the result
     * could not be read back, and Jackson's recursive code would run out of stack on a tree that
     * {@code copy} operations deepen again and again. A {@code move} or {@code copy} to no deeper a place
     * keeps within the bound the document already keeps, so its value is not walked.
     */
    private void checkDepth(String[] tokens, JsonNode value) {
        if ((op.kind() == OpKind.MOVE || op.kind() == OpKind.COPY) && tokens.length <= Pointers.tokens(op.from()).length) {
            return;
        }
        long allowed = (long) limits.maxJsonDepth() - tokens.length;
        if (!withinDepth(value, allowed)) {
            JsonValues.checkDepth(value, tokens.length, limits, where() + ": the value it puts at "
                    + (tokens.length == 0 ? "the root" : op.path()));
        }
    }

    /**
     * Walks a tree's containers, charging each, without recursion, and without an iterator per array
     * (arrays are walked by index).
     *
     * @return whether no container lies deeper than {@code allowed} (the value itself at level 1)
     */
    private boolean withinDepth(JsonNode value, long allowed) {
        if (!value.isContainerNode()) {
            return true;
        }
        if (allowed < 1) {
            return false;
        }
        int capacity = (int) Math.min(allowed, 64);
        JsonNode[] containers = new JsonNode[capacity];
        Iterator<?>[] members = new Iterator<?>[capacity];
        int[] next = new int[capacity];
        int depth = 0;
        containers[0] = value;
        members[0] = value.isObject() ? value.elements() : null;
        long opened = 1;
        long walked = 0;
        try {
            while (depth >= 0) {
                JsonNode container = containers[depth];
                JsonNode child;
                if (members[depth] != null) {
                    child = members[depth].hasNext() ? (JsonNode) members[depth].next() : null;
                } else {
                    child = next[depth] < container.size() ? container.get(next[depth]++) : null;
                }
                if (child == null) {
                    containers[depth] = null;
                    members[depth--] = null;
                    continue;
                }
                walked++; // every child stepped over costs STEP_COST, and a container opened WALK_COST more
                if (child.isContainerNode()) {
                    if (depth + 2 > allowed) {
                        return false;
                    }
                    opened++;
                    if (++depth == containers.length) {
                        int grown = (int) Math.min(allowed, 2L * containers.length);
                        containers = Arrays.copyOf(containers, grown);
                        members = Arrays.copyOf(members, grown);
                        next = Arrays.copyOf(next, grown);
                    }
                    containers[depth] = child;
                    members[depth] = child.isObject() ? child.elements() : null;
                    next[depth] = 0;
                }
            }
            return true;
        } finally {
            charge(WALK_COST * opened + STEP_COST * walked);
        }
    }

    private void add(String[] tokens, JsonNode value, String member) {
        checkDepth(tokens, value);
        if (tokens.length == 0) {
            note(root);
            root = value;
            return;
        }
        JsonNode parent = container(tokens, member);
        String last = tokens[tokens.length - 1];
        if (parent instanceof ObjectNode object) {
            note(object.replace(last, value));
        } else {
            ArrayNode array = (ArrayNode) parent;
            int i = "-".equals(last) ? array.size() : arrayIndex(array, last, tokens, member, true);
            charge(editCost(array, i));
            array.insert(i, value);
        }
    }

    private JsonNode remove(String[] tokens, String member) {
        if (tokens.length == 0) {
            throw new InvalidPatchException(Problem.REMOVE_ROOT, index, where() + ": \"" + member
                    + "\" is the whole document, which cannot be removed (replace it instead)");
        }
        JsonNode parent = container(tokens, member);
        String last = tokens[tokens.length - 1];
        if (parent instanceof ObjectNode object) {
            JsonNode removed = object.remove(last);
            if (removed == null) {
                throw noSuchMember(tokens, member);
            }
            return removed;
        }
        ArrayNode array = (ArrayNode) parent;
        int i = arrayIndex(array, last, tokens, member, false);
        charge(editCost(array, i));
        return array.remove(i);
    }

    private void note(JsonNode replaced) {
        if (before != null && op.kind() != OpKind.MOVE && op.kind() != OpKind.COPY) {
            before[index] = replaced;
        }
    }

    private void replace(String[] tokens, JsonNode value) {
        checkDepth(tokens, value);
        if (tokens.length == 0) {
            note(root);
            root = value;
            return;
        }
        JsonNode parent = container(tokens, "path");
        String last = tokens[tokens.length - 1];
        if (parent instanceof ObjectNode object) {
            if (!object.has(last)) {
                throw noSuchMember(tokens, "path");
            }
            note(object.replace(last, value));
        } else {
            ArrayNode array = (ArrayNode) parent;
            note(array.set(arrayIndex(array, last, tokens, "path", false), value));
        }
    }

    private JsonNode get(String[] tokens, String member) {
        if (tokens.length == 0) {
            return root;
        }
        JsonNode parent = container(tokens, member);
        String last = tokens[tokens.length - 1];
        if (parent instanceof ObjectNode object) {
            JsonNode value = object.get(last);
            if (value == null) {
                throw noSuchMember(tokens, member);
            }
            return value;
        }
        ArrayNode array = (ArrayNode) parent;
        return array.get(arrayIndex(array, last, tokens, member, false));
    }

    /** @return the object or array that holds the last token's location; it must exist */
    private JsonNode container(String[] tokens, String member) {
        JsonNode node = root;
        for (int t = 0; t < tokens.length; t++) {
            if (!node.isContainerNode()) {
                throw new PatchConflictException(Problem.NOT_A_CONTAINER, index, where() + ": \"" + member + "\" goes through "
                        + prefix(tokens, t) + ", which holds " + kind(node) + ", not an object or array");
            }
            if (t == tokens.length - 1) {
                return node;
            }
            if (node instanceof ObjectNode object) {
                JsonNode child = object.get(tokens[t]);
                if (child == null) {
                    throw noSuchMember(tokens, t + 1, member);
                }
                node = child;
            } else {
                ArrayNode array = (ArrayNode) node;
                node = array.get(arrayIndex(array, tokens[t], tokens, t + 1, member, false));
            }
        }
        return node;
    }

    private int arrayIndex(ArrayNode array, String token, String[] tokens, String member, boolean insert) {
        return arrayIndex(array, token, tokens, tokens.length, member, insert);
    }

    /** RFC 6901 section 4: an array index is {@code 0} or digits without a leading zero; {@code -} is past the end. */
    private int arrayIndex(ArrayNode array, String token, String[] tokens, int upTo, String member, boolean insert) {
        if ("-".equals(token)) {
            throw new PatchConflictException(Problem.MISUSED_END_OF_ARRAY, index, where() + ": \"" + member + "\" "
                    + prefix(tokens, upTo) + " uses '-', which names the position after the last element: only add may"
                    + " use it, and only as the last token");
        }
        boolean digits = !token.isEmpty() && token.length() <= 10;
        for (int i = 0; i < token.length() && digits; i++) {
            char c = token.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        if (!digits || (token.length() > 1 && token.charAt(0) == '0')) {
            throw new PatchConflictException(Problem.BAD_ARRAY_INDEX, index, where() + ": \"" + member + "\" "
                    + prefix(tokens, upTo) + " indexes an array with \"" + token + "\"; an array index is 0 or"
                    + " decimal digits without a leading zero");
        }
        long i = Long.parseLong(token);
        int size = array.size();
        if (i > size || (i == size && !insert)) {
            throw new PatchConflictException(Problem.NO_SUCH_PATH, index, where() + ": \"" + member + "\" "
                    + prefix(tokens, upTo) + " is past the end of an array of " + size + " element" + (size == 1 ? "" : "s")
                    + (insert ? " (add may use index " + size + " or '-' to append)" : ""));
        }
        return (int) i;
    }

    private PatchConflictException noSuchMember(String[] tokens, String member) {
        return noSuchMember(tokens, tokens.length, member);
    }

    private PatchConflictException noSuchMember(String[] tokens, int upTo, String member) {
        return new PatchConflictException(Problem.NO_SUCH_PATH, index, where() + ": \"" + member + "\" "
                + prefix(tokens, upTo) + " does not exist (the object has no member \"" + tokens[upTo - 1] + "\")");
    }

    private String where() {
        return "JSON Patch operation " + index + " (" + op.describe() + ")";
    }

    private static String prefix(String[] tokens, int upTo) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < upTo; i++) {
            b.append(Pointers.member("", tokens[i]));
        }
        return b.append('"').toString();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(JsonNode node) {
        return Rendering.value(node, 80);
    }
}
