package io.deltachain.cli;

import io.deltachain.cli.internal.CliIo;
import io.deltachain.cli.internal.PrettyJson;
import io.deltachain.json.CanonicalJson;
import java.util.List;
import java.util.Map;

/** Tables and their {@code --json} twins, on standard output. */
final class Tables {
    private Tables() {
    }

    /**
     * Prints rows as left-aligned columns, two spaces apart; the last column is not padded and a
     * null cell prints as {@code -}.
     *
     * @param rows the header first, then the data; every row as wide as the header
     */
    static void print(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], cell(row[i]).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                out.append(i == columns - 1 ? cell(row[i]) : String.format("%-" + (width[i] + 2) + "s", cell(row[i])));
            }
            out.append('\n');
        }
        System.out.print(out);
    }

    private static String cell(String s) {
        return s == null ? "-" : s;
    }

    /** @param value maps, lists, strings, numbers, booleans and nulls, printed as indented canonical JSON */
    static void printJson(Object value) {
        CliIo.write(null, PrettyJson.indent(CanonicalJson.write(value)));
    }

    /** @param fields printed one a line, name padded to {@code width}; lists joined by commas */
    static void printFields(Map<String, Object> fields, int width) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(String.format(java.util.Locale.ROOT, "%-" + width + "s %s%n", k,
                v instanceof List<?> list ? listed(list) : v == null ? "unknown" : v)));
        System.out.print(out);
    }

    /** The most list items a field line shows; --json lists them all. */
    static final int LISTED = 100;

    private static String listed(List<?> list) {
        String shown = String.join(", ", list.stream().limit(LISTED).map(String::valueOf).toList());
        return list.size() <= LISTED ? shown : shown + ", ... (" + (list.size() - LISTED) + " more; --json lists them all)";
    }
}
