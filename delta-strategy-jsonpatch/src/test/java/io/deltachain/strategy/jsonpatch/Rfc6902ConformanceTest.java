package io.deltachain.strategy.jsonpatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.jsonpatch.JsonPatchException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6902 as test vectors of our own, written from the RFC's text: every example of its Appendix A,
 * then one case per rule of sections 4 and 5 and of RFC 6901 (the kinds of case the public
 * json-patch-tests suite covers, written afresh here). Each success case also checks that the
 * document handed in is untouched; each failure case checks the exception type, the problem and the
 * operation index, and that the document is untouched.
 */
class Rfc6902ConformanceTest {
    private static final NativeFormat<JsonNode> RFC6902 = new JsonPatchStrategy().nativeFormat().orElseThrow();

    /** A success case: applying {@code patch} to {@code doc} gives {@code expected}. */
    record Ok(String name, String doc, String patch, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A failure case: the exception type, its problem (null when not a JsonPatchException) and the operation index (-1: none). */
    record Fails(String name, String doc, String patch, Class<? extends DeltaException> type, Problem problem, int index) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Ok> successes() {
        List<Ok> c = new ArrayList<>();
        // Appendix A
        c.add(new Ok("A.1 adding an object member", "{\"foo\":\"bar\"}",
                "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]", "{\"baz\":\"qux\",\"foo\":\"bar\"}"));
        c.add(new Ok("A.2 adding an array element", "{\"foo\":[\"bar\",\"baz\"]}",
                "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}"));
        c.add(new Ok("A.3 removing an object member", "{\"baz\":\"qux\",\"foo\":\"bar\"}",
                "[{\"op\":\"remove\",\"path\":\"/baz\"}]", "{\"foo\":\"bar\"}"));
        c.add(new Ok("A.4 removing an array element", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}",
                "[{\"op\":\"remove\",\"path\":\"/foo/1\"}]", "{\"foo\":[\"bar\",\"baz\"]}"));
        c.add(new Ok("A.5 replacing a value", "{\"baz\":\"qux\",\"foo\":\"bar\"}",
                "[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]", "{\"baz\":\"boo\",\"foo\":\"bar\"}"));
        c.add(new Ok("A.6 moving a value", "{\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},\"qux\":{\"corge\":\"grault\"}}",
                "[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]",
                "{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}"));
        c.add(new Ok("A.7 moving an array element", "{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}",
                "[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]", "{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}"));
        c.add(new Ok("A.8 testing a value: success", "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}",
                "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"qux\"},{\"op\":\"test\",\"path\":\"/foo/1\",\"value\":2}]",
                "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}"));
        c.add(new Ok("A.10 adding a nested member object", "{\"foo\":\"bar\"}",
                "[{\"op\":\"add\",\"path\":\"/child\",\"value\":{\"grandchild\":{}}}]",
                "{\"foo\":\"bar\",\"child\":{\"grandchild\":{}}}"));
        c.add(new Ok("A.11 ignoring unrecognized elements", "{\"foo\":\"bar\"}",
                "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\",\"xyz\":123}]", "{\"foo\":\"bar\",\"baz\":\"qux\"}"));
        c.add(new Ok("A.14 ~ escape ordering", "{\"/\":9,\"~1\":10}",
                "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":10}]", "{\"/\":9,\"~1\":10}"));
        c.add(new Ok("A.16 adding an array value", "{\"foo\":[\"bar\"]}",
                "[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}]", "{\"foo\":[\"bar\",[\"abc\",\"def\"]]}"));
        // Section 4.1 add
        c.add(new Ok("empty patch", "{\"a\":1}", "[]", "{\"a\":1}"));
        c.add(new Ok("add at the root replaces the document", "{\"foo\":1}",
                "[{\"op\":\"add\",\"path\":\"\",\"value\":{\"baz\":\"qux\"}}]", "{\"baz\":\"qux\"}"));
        c.add(new Ok("add at the root may change its kind", "{}", "[{\"op\":\"add\",\"path\":\"\",\"value\":[]}]", "[]"));
        c.add(new Ok("add to a top-level array", "[]", "[{\"op\":\"add\",\"path\":\"/0\",\"value\":\"foo\"}]", "[\"foo\"]"));
        c.add(new Ok("add replaces an existing member", "{\"foo\":1}",
                "[{\"op\":\"add\",\"path\":\"/foo\",\"value\":[1,2]}]", "{\"foo\":[1,2]}"));
        c.add(new Ok("add to the member named by the empty string", "{}",
                "[{\"op\":\"add\",\"path\":\"/\",\"value\":1}]", "{\"\":1}"));
        c.add(new Ok("add with a trailing slash names the empty member", "{\"foo\":{}}",
                "[{\"op\":\"add\",\"path\":\"/foo/\",\"value\":1}]", "{\"foo\":{\"\":1}}"));
        c.add(new Ok("0 is a member name in an object", "{\"foo\":1}",
                "[{\"op\":\"add\",\"path\":\"/0\",\"value\":\"bar\"}]", "{\"foo\":1,\"0\":\"bar\"}"));
        c.add(new Ok("01 is a member name in an object", "{}",
                "[{\"op\":\"add\",\"path\":\"/01\",\"value\":true}]", "{\"01\":true}"));
        c.add(new Ok("- is a member name in an object", "{}", "[{\"op\":\"add\",\"path\":\"/-\",\"value\":null}]",
                "{\"-\":null}"));
        c.add(new Ok("add at the end index of an array", "[\"foo\"]", "[{\"op\":\"add\",\"path\":\"/1\",\"value\":\"bar\"}]",
                "[\"foo\",\"bar\"]"));
        c.add(new Ok("add in the middle of an array", "[\"foo\",\"sil\"]",
                "[{\"op\":\"add\",\"path\":\"/1\",\"value\":\"bar\"}]", "[\"foo\",\"bar\",\"sil\"]"));
        c.add(new Ok("add at index 0", "[\"foo\",\"sil\"]", "[{\"op\":\"add\",\"path\":\"/0\",\"value\":\"bar\"}]",
                "[\"bar\",\"foo\",\"sil\"]"));
        c.add(new Ok("add an array into an array", "[\"foo\",\"sil\"]",
                "[{\"op\":\"add\",\"path\":\"/1\",\"value\":[\"bar\",\"baz\"]}]", "[\"foo\",[\"bar\",\"baz\"],\"sil\"]"));
        c.add(new Ok("add with - appends", "[1,2]", "[{\"op\":\"add\",\"path\":\"/-\",\"value\":{\"foo\":[\"bar\",\"baz\"]}}]",
                "[1,2,{\"foo\":[\"bar\",\"baz\"]}]"));
        c.add(new Ok("add with - appends levels down", "[1,2,[3,[4,5]]]",
                "[{\"op\":\"add\",\"path\":\"/2/1/-\",\"value\":{\"foo\":[\"bar\",\"baz\"]}}]",
                "[1,2,[3,[4,5,{\"foo\":[\"bar\",\"baz\"]}]]]"));
        c.add(new Ok("add into a record inside an array", "{\"foo\":1,\"baz\":[{\"qux\":\"hello\"}]}",
                "[{\"op\":\"add\",\"path\":\"/baz/0/foo\",\"value\":\"world\"}]",
                "{\"foo\":1,\"baz\":[{\"qux\":\"hello\",\"foo\":\"world\"}]}"));
        c.add(new Ok("names are case-sensitive", "{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/FOO\",\"value\":\"BAR\"}]",
                "{\"foo\":\"bar\",\"FOO\":\"BAR\"}"));
        c.add(new Ok("a null value is a value", "{}", "[{\"op\":\"add\",\"path\":\"/n\",\"value\":null}]", "{\"n\":null}"));
        // 4.2 remove
        c.add(new Ok("remove a member holding an array", "{\"foo\":1,\"bar\":[1,2,3,4]}",
                "[{\"op\":\"remove\",\"path\":\"/bar\"}]", "{\"foo\":1}"));
        c.add(new Ok("remove deep inside", "{\"foo\":1,\"baz\":[{\"qux\":\"hello\"}]}",
                "[{\"op\":\"remove\",\"path\":\"/baz/0/qux\"}]", "{\"foo\":1,\"baz\":[{}]}"));
        c.add(new Ok("remove the first element", "[1,2,3,4]", "[{\"op\":\"remove\",\"path\":\"/0\"}]", "[2,3,4]"));
        c.add(new Ok("removes apply one after the other", "[1,2,3,4]",
                "[{\"op\":\"remove\",\"path\":\"/1\"},{\"op\":\"remove\",\"path\":\"/2\"}]", "[1,3]"));
        c.add(new Ok("remove a member holding null", "{\"foo\":null}", "[{\"op\":\"remove\",\"path\":\"/foo\"}]", "{}"));
        // 4.3 replace
        c.add(new Ok("replace with an array", "{\"foo\":1,\"baz\":[{\"qux\":\"hello\"}]}",
                "[{\"op\":\"replace\",\"path\":\"/foo\",\"value\":[1,2,3,4]}]", "{\"foo\":[1,2,3,4],\"baz\":[{\"qux\":\"hello\"}]}"));
        c.add(new Ok("replace an element", "[\"foo\"]", "[{\"op\":\"replace\",\"path\":\"/0\",\"value\":false}]", "[false]"));
        c.add(new Ok("replace with null", "{\"foo\":\"bar\"}", "[{\"op\":\"replace\",\"path\":\"/foo\",\"value\":null}]",
                "{\"foo\":null}"));
        c.add(new Ok("replace the whole document", "{\"foo\":\"bar\"}",
                "[{\"op\":\"replace\",\"path\":\"\",\"value\":{\"baz\":\"qux\"}}]", "{\"baz\":\"qux\"}"));
        c.add(new Ok("replace a root scalar", "3", "[{\"op\":\"replace\",\"path\":\"\",\"value\":\"x\"}]", "\"x\""));
        // 4.4 move
        c.add(new Ok("move to the same location changes nothing", "{\"foo\":1}",
                "[{\"op\":\"move\",\"from\":\"/foo\",\"path\":\"/foo\"}]", "{\"foo\":1}"));
        c.add(new Ok("move a member", "{\"foo\":1,\"baz\":[{\"qux\":\"hello\"}]}",
                "[{\"op\":\"move\",\"from\":\"/foo\",\"path\":\"/bar\"}]", "{\"baz\":[{\"qux\":\"hello\"}],\"bar\":1}"));
        c.add(new Ok("move out of a record into an array", "{\"baz\":[{\"qux\":\"hello\"}],\"bar\":1}",
                "[{\"op\":\"move\",\"from\":\"/baz/0/qux\",\"path\":\"/baz/1\"}]", "{\"baz\":[{},\"hello\"],\"bar\":1}"));
        c.add(new Ok("move null", "{\"foo\":null}", "[{\"op\":\"move\",\"from\":\"/foo\",\"path\":\"/bar\"}]", "{\"bar\":null}"));
        c.add(new Ok("move a member to the root", "{\"a\":{\"b\":1}}", "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"\"}]",
                "{\"b\":1}"));
        c.add(new Ok("move to a longer sibling name is no move into a child", "{\"a\":1}",
                "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/ab\"}]", "{\"ab\":1}"));
        // 4.5 copy
        c.add(new Ok("copy a record", "{\"baz\":[{\"qux\":\"hello\"}],\"bar\":1}",
                "[{\"op\":\"copy\",\"from\":\"/baz/0\",\"path\":\"/boo\"}]",
                "{\"baz\":[{\"qux\":\"hello\"}],\"bar\":1,\"boo\":{\"qux\":\"hello\"}}"));
        c.add(new Ok("copy null", "{\"foo\":null}", "[{\"op\":\"copy\",\"from\":\"/foo\",\"path\":\"/bar\"}]",
                "{\"foo\":null,\"bar\":null}"));
        c.add(new Ok("a copy is independent of its source", "{\"a\":{\"x\":1}}",
                "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/b\"},{\"op\":\"add\",\"path\":\"/b/y\",\"value\":2}]",
                "{\"a\":{\"x\":1},\"b\":{\"x\":1,\"y\":2}}"));
        c.add(new Ok("copy into its own child", "{\"a\":{\"x\":1}}", "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/a/self\"}]",
                "{\"a\":{\"x\":1,\"self\":{\"x\":1}}}"));
        // 4.6 test
        c.add(new Ok("test ignores member order", "{\"foo\":{\"foo\":1,\"bar\":2}}",
                "[{\"op\":\"test\",\"path\":\"/foo\",\"value\":{\"bar\":2,\"foo\":1}}]", "{\"foo\":{\"foo\":1,\"bar\":2}}"));
        c.add(new Ok("test nested arrays with objects", "{\"foo\":[{\"foo\":1,\"bar\":2}]}",
                "[{\"op\":\"test\",\"path\":\"/foo\",\"value\":[{\"bar\":2,\"foo\":1}]}]", "{\"foo\":[{\"foo\":1,\"bar\":2}]}"));
        c.add(new Ok("test compares numbers by value", "{\"n\":1.0,\"m\":100}",
                "[{\"op\":\"test\",\"path\":\"/n\",\"value\":1},{\"op\":\"test\",\"path\":\"/m\",\"value\":1e2}]",
                "{\"n\":1,\"m\":100}"));
        c.add(new Ok("test null", "{\"foo\":null}", "[{\"op\":\"test\",\"path\":\"/foo\",\"value\":null}]", "{\"foo\":null}"));
        c.add(new Ok("test the whole document", "{\"foo\":1}", "[{\"op\":\"test\",\"path\":\"\",\"value\":{\"foo\":1}}]",
                "{\"foo\":1}"));
        c.add(new Ok("test a member whose name looks like a number", "{\"1e0\":\"foo\"}",
                "[{\"op\":\"test\",\"path\":\"/1e0\",\"value\":\"foo\"}]", "{\"1e0\":\"foo\"}"));
        c.add(new Ok("spurious members are ignored", "{\"foo\":1}",
                "[{\"op\":\"test\",\"path\":\"/foo\",\"value\":1,\"spurious\":1,\"from\":7}]", "{\"foo\":1}"));
        // RFC 6901 section 5: every example pointer
        String rfc6901 = "{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,\"c%d\":2,\"e^f\":3,\"g|h\":4,\"i\\\\j\":5,"
                + "\"k\\\"l\":6,\" \":7,\"m~n\":8}";
        c.add(new Ok("RFC 6901 section 5 pointers", rfc6901, "[{\"op\":\"test\",\"path\":\"\",\"value\":" + rfc6901 + "},"
                + "{\"op\":\"test\",\"path\":\"/foo\",\"value\":[\"bar\",\"baz\"]},{\"op\":\"test\",\"path\":\"/foo/0\",\"value\":\"bar\"},"
                + "{\"op\":\"test\",\"path\":\"/\",\"value\":0},{\"op\":\"test\",\"path\":\"/a~1b\",\"value\":1},"
                + "{\"op\":\"test\",\"path\":\"/c%d\",\"value\":2},{\"op\":\"test\",\"path\":\"/e^f\",\"value\":3},"
                + "{\"op\":\"test\",\"path\":\"/g|h\",\"value\":4},{\"op\":\"test\",\"path\":\"/i\\\\j\",\"value\":5},"
                + "{\"op\":\"test\",\"path\":\"/k\\\"l\",\"value\":6},{\"op\":\"test\",\"path\":\"/ \",\"value\":7},"
                + "{\"op\":\"test\",\"path\":\"/m~0n\",\"value\":8}]", rfc6901));
        return c.stream();
    }

    static Stream<Fails> failures() {
        List<Fails> c = new ArrayList<>();
        c.add(new Fails("A.9 testing a value: error", "{\"baz\":\"qux\"}", "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"bar\"}]",
                PatchTestFailedException.class, Problem.TEST_FAILED, 0));
        c.add(new Fails("A.12 adding to a nonexistent target", "{\"foo\":\"bar\"}",
                "[{\"op\":\"add\",\"path\":\"/baz/bat\",\"value\":\"qux\"}]", PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("A.13 invalid JSON Patch document (op twice)", "{\"foo\":\"bar\"}",
                "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\",\"op\":\"remove\"}]", CorruptDeltaException.class, null, -1));
        c.add(new Fails("A.15 comparing strings and numbers", "{\"/\":9,\"~1\":10}",
                "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":\"10\"}]", PatchTestFailedException.class, Problem.TEST_FAILED, 0));
        // The patch as a whole
        c.add(new Fails("a patch is an array", "{}", "{\"op\":\"add\",\"path\":\"/a\",\"value\":1}",
                InvalidPatchException.class, Problem.NOT_AN_ARRAY, -1));
        c.add(new Fails("an operation is an object", "{}", "[[\"add\"]]", InvalidPatchException.class, Problem.NOT_AN_OBJECT, 0));
        c.add(new Fails("not JSON at all", "{}", "[{\"op\":", CorruptDeltaException.class, null, -1));
        // Members
        c.add(new Fails("unknown op", "{\"foo\":1}", "[{\"op\":\"spam\",\"path\":\"/foo\",\"value\":1}]",
                InvalidPatchException.class, Problem.UNKNOWN_OP, 0));
        c.add(new Fails("op names are case-sensitive", "{}", "[{\"op\":\"Add\",\"path\":\"/a\",\"value\":1}]",
                InvalidPatchException.class, Problem.UNKNOWN_OP, 0));
        c.add(new Fails("missing op", "{}", "[{\"path\":\"/a\",\"value\":1}]", InvalidPatchException.class, Problem.MISSING_MEMBER, 0));
        c.add(new Fails("missing path", "{}", "[{\"op\":\"add\",\"value\":\"bar\"}]", InvalidPatchException.class,
                Problem.MISSING_MEMBER, 0));
        c.add(new Fails("null path", "{}", "[{\"op\":\"add\",\"path\":null,\"value\":\"bar\"}]", InvalidPatchException.class,
                Problem.NOT_A_STRING, 0));
        c.add(new Fails("pointer without a leading slash", "{}", "[{\"op\":\"add\",\"path\":\"foo\",\"value\":\"bar\"}]",
                InvalidPatchException.class, Problem.BAD_POINTER, 0));
        c.add(new Fails("pointer with ~ not followed by 0 or 1", "{}", "[{\"op\":\"add\",\"path\":\"/a~2\",\"value\":1}]",
                InvalidPatchException.class, Problem.BAD_POINTER, 0));
        c.add(new Fails("pointer ending in ~", "{}", "[{\"op\":\"add\",\"path\":\"/a~\",\"value\":1}]",
                InvalidPatchException.class, Problem.BAD_POINTER, 0));
        c.add(new Fails("missing value to add", "[1]", "[{\"op\":\"add\",\"path\":\"/-\"}]", InvalidPatchException.class,
                Problem.MISSING_MEMBER, 0));
        c.add(new Fails("missing value to replace", "[1]", "[{\"op\":\"replace\",\"path\":\"/0\"}]", InvalidPatchException.class,
                Problem.MISSING_MEMBER, 0));
        c.add(new Fails("missing value to test", "[null]", "[{\"op\":\"test\",\"path\":\"/0\"}]", InvalidPatchException.class,
                Problem.MISSING_MEMBER, 0));
        c.add(new Fails("missing value to test, where the value is false", "[false]", "[{\"op\":\"test\",\"path\":\"/0\"}]",
                InvalidPatchException.class, Problem.MISSING_MEMBER, 0));
        c.add(new Fails("missing from to copy", "[1]", "[{\"op\":\"copy\",\"path\":\"/-\"}]", InvalidPatchException.class,
                Problem.MISSING_MEMBER, 0));
        c.add(new Fails("missing from to move", "{\"foo\":1}", "[{\"op\":\"move\",\"path\":\"\"}]", InvalidPatchException.class,
                Problem.MISSING_MEMBER, 0));
        c.add(new Fails("from that is not a pointer", "{\"foo\":1}", "[{\"op\":\"move\",\"from\":\"foo\",\"path\":\"/bar\"}]",
                InvalidPatchException.class, Problem.BAD_POINTER, 0));
        // Locations
        c.add(new Fails("the failing operation's index is named", "{\"a\":1}",
                "[{\"op\":\"test\",\"path\":\"/a\",\"value\":1},{\"op\":\"remove\",\"path\":\"/a\"},{\"op\":\"remove\",\"path\":\"/a\"}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 2));
        c.add(new Fails("remove a missing member", "{\"foo\":\"bar\"}", "[{\"op\":\"remove\",\"path\":\"/baz\"}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("remove a deep missing path", "{\"foo\":\"bar\"}", "[{\"op\":\"remove\",\"path\":\"/missing1/missing2\"}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("remove past the end", "[\"foo\",\"bar\"]", "[{\"op\":\"remove\",\"path\":\"/2\"}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("remove the whole document", "{\"a\":1}", "[{\"op\":\"remove\",\"path\":\"\"}]",
                InvalidPatchException.class, Problem.REMOVE_ROOT, 0));
        c.add(new Fails("replace a missing member", "{}", "[{\"op\":\"replace\",\"path\":\"/a\",\"value\":1}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("copy from a missing location", "{\"foo\":1}", "[{\"op\":\"copy\",\"from\":\"/bar\",\"path\":\"/foo\"}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("move from a missing location", "{\"foo\":1}", "[{\"op\":\"move\",\"from\":\"/bar\",\"path\":\"/foo\"}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("move onto itself still needs the value", "{}", "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a\"}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("test a missing member", "{}", "[{\"op\":\"test\",\"path\":\"/a\",\"value\":null}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("add past the end of an array", "{\"bar\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/bar/8\",\"value\":\"5\"}]",
                PatchConflictException.class, Problem.NO_SUCH_PATH, 0));
        c.add(new Fails("add at a negative index", "{\"bar\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/bar/-1\",\"value\":\"5\"}]",
                PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("a member name on an array", "[\"foo\",\"sil\"]", "[{\"op\":\"add\",\"path\":\"/bar\",\"value\":42}]",
                PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("through a scalar", "{\"a\":1}", "[{\"op\":\"add\",\"path\":\"/a/b\",\"value\":42}]",
                PatchConflictException.class, Problem.NOT_A_CONTAINER, 0));
        // Array indices (RFC 6901 section 4)
        c.add(new Fails("index 01", "[\"foo\",\"bar\"]", "[{\"op\":\"test\",\"path\":\"/01\",\"value\":\"bar\"}]",
                PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("index 00", "[\"foo\",\"bar\"]", "[{\"op\":\"test\",\"path\":\"/00\",\"value\":\"foo\"}]",
                PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("index 1e0 in test", "[\"foo\",\"bar\"]", "[{\"op\":\"test\",\"path\":\"/1e0\",\"value\":\"bar\"}]",
                PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("index 1e0 in remove", "{\"foo\":1,\"baz\":[{\"qux\":\"hello\"}]}",
                "[{\"op\":\"remove\",\"path\":\"/baz/1e0/qux\"}]", PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("index 1e0 in replace", "[\"\"]", "[{\"op\":\"replace\",\"path\":\"/1e0\",\"value\":false}]",
                PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("index 1e0 in copy's from", "{\"baz\":[1,2,3],\"bar\":1}",
                "[{\"op\":\"copy\",\"from\":\"/baz/1e0\",\"path\":\"/boo\"}]", PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("index 1e0 in move's from", "{\"foo\":1,\"baz\":[1,2,3,4]}",
                "[{\"op\":\"move\",\"from\":\"/baz/1e0\",\"path\":\"/foo\"}]", PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("index 1e0 in add", "[\"foo\",\"sil\"]", "[{\"op\":\"add\",\"path\":\"/1e0\",\"value\":\"bar\"}]",
                PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("an index too large for any array", "[1]", "[{\"op\":\"remove\",\"path\":\"/99999999999999999999\"}]",
                PatchConflictException.class, Problem.BAD_ARRAY_INDEX, 0));
        c.add(new Fails("- in remove", "[1,2]", "[{\"op\":\"remove\",\"path\":\"/-\"}]", PatchConflictException.class,
                Problem.MISUSED_END_OF_ARRAY, 0));
        c.add(new Fails("- in replace", "[\"foo\"]", "[{\"op\":\"replace\",\"path\":\"/-\",\"value\":1}]",
                PatchConflictException.class, Problem.MISUSED_END_OF_ARRAY, 0));
        c.add(new Fails("- in test", "[\"foo\"]", "[{\"op\":\"test\",\"path\":\"/-\",\"value\":\"foo\"}]",
                PatchConflictException.class, Problem.MISUSED_END_OF_ARRAY, 0));
        c.add(new Fails("- before the last token", "[[1]]", "[{\"op\":\"add\",\"path\":\"/-/0\",\"value\":2}]",
                PatchConflictException.class, Problem.MISUSED_END_OF_ARRAY, 0));
        c.add(new Fails("- as move's from", "[1,2]", "[{\"op\":\"move\",\"from\":\"/-\",\"path\":\"/0\"}]",
                PatchConflictException.class, Problem.MISUSED_END_OF_ARRAY, 0));
        // 4.4: a location cannot be moved into one of its children
        c.add(new Fails("move into its own child", "{\"a\":{\"b\":{}}}", "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a/b/c\"}]",
                InvalidPatchException.class, Problem.MOVE_INTO_OWN_CHILD, 0));
        c.add(new Fails("move the root into a child", "{\"a\":{}}", "[{\"op\":\"move\",\"from\":\"\",\"path\":\"/a/b\"}]",
                InvalidPatchException.class, Problem.MOVE_INTO_OWN_CHILD, 0));
        // 5: an error part-way leaves nothing applied
        c.add(new Fails("test fails after edits", "{\"a\":1}",
                "[{\"op\":\"add\",\"path\":\"/b\",\"value\":2},{\"op\":\"test\",\"path\":\"/a\",\"value\":2}]",
                PatchTestFailedException.class, Problem.TEST_FAILED, 1));
        c.add(new Fails("a boolean is not a number", "{\"a\":1}", "[{\"op\":\"test\",\"path\":\"/a\",\"value\":true}]",
                PatchTestFailedException.class, Problem.TEST_FAILED, 0));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successes")
    void appliesAsTheRfcSays(Ok c) {
        JsonNode doc = json(c.doc());
        byte[] before = CanonicalJson.write(doc);
        JsonNode result = RFC6902.apply(doc, utf8(c.patch()), Limits.defaults());
        assertEquals(CanonicalJson.toString(json(c.expected())), CanonicalJson.toString(result));
        assertArrayEquals(before, CanonicalJson.write(doc), "the document handed in changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void refusesAsTheRfcSays(Fails c) {
        JsonNode doc = json(c.doc());
        byte[] before = CanonicalJson.write(doc);
        DeltaException e = assertThrows(DeltaException.class, () -> RFC6902.apply(doc, utf8(c.patch()), Limits.defaults()));
        assertEquals(c.type(), e.getClass(), e::toString);
        if (c.problem() != null) {
            JsonPatchException j = (JsonPatchException) e;
            assertEquals(c.problem(), j.problem(), e::getMessage);
            assertEquals(c.index(), j.operationIndex().orElse(-1), e::getMessage);
            if (c.index() >= 0) {
                assertTrue(e.getMessage().startsWith("JSON Patch operation " + c.index() + " "), e.getMessage());
            }
        }
        assertArrayEquals(before, CanonicalJson.write(doc), "a failed patch changed the document");
    }

    static JsonNode json(String text) {
        return JsonFormats.node().fromBytes(utf8(text), Limits.defaults());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
