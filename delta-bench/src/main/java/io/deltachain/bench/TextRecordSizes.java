package io.deltachain.bench;

import io.deltachain.api.StateFormats;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Record sizes of {@code text} beside {@code bsdiff} on the same pairs: the text benchmark's inputs
 * ({@link TextPairs}) and every changed source file of two commons-lang3 releases
 * ({@link TextPairs#changedSourceFiles()}). Both are whole records as stored and sent
 * ({@link DeltaRecord#wireSize()}: header, gzip-coded payload, CRC) made by a {@link DeltaCompressor}
 * on {@code bytes} with the default codec, gzip 6; the header is the same for both, so the payload
 * sizes ({@link DeltaRecord#storedSize()}) are given too. Prints Markdown tables.
 *
 * <pre>java -cp delta-bench/target/benchmarks.jar io.deltachain.bench.TextRecordSizes</pre>
 * Run from the repository root, after {@code mvn -B -q package -DskipTests -pl delta-bench -am}.
 */
public final class TextRecordSizes {
    private static final DeltaCompressor<byte[]> TEXT = DeltaCompressor.builder(StateFormats.bytes()).strategy("text")
            .build();
    private static final DeltaCompressor<byte[]> BSDIFF = DeltaCompressor.builder(StateFormats.bytes())
            .strategy("bsdiff").build();

    private TextRecordSizes() {
    }

    private record Row(String name, long oldBytes, long text, long bsdiff, long textStored, long bsdiffStored) {
        double ratio() {
            return (double) text / bsdiff;
        }
    }

    private static Row row(String name, byte[] a, byte[] b) {
        DeltaRecord t = TEXT.diff(a, b);
        DeltaRecord d = BSDIFF.diff(a, b);
        return new Row(name, a.length, t.wireSize(), d.wireSize(), t.storedSize(), d.storedSize());
    }

    /** @param args none */
    public static void main(String[] args) {
        List<Row> bench = new ArrayList<>();
        for (String pair : List.of("lines-100k", "lines-1m", "unrelated-30k")) {
            byte[][] files = TextPairs.named(pair);
            bench.add(row(pair, files[0], files[1]));
        }
        List<Row> sources = new ArrayList<>();
        for (Map.Entry<String, byte[][]> e : TextPairs.changedSourceFiles().entrySet()) {
            sources.add(row(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        System.out.println("| pair | old bytes | text record | bsdiff record | text / bsdiff | text payload | bsdiff payload |");
        System.out.println("|---|---|---|---|---|---|---|");
        bench.forEach(TextRecordSizes::print);
        Row sum = total("commons-lang3 3.13.0 -> 3.14.0, " + sources.size() + " changed files", sources);
        print(sum);
        List<Row> all = new ArrayList<>(bench);
        all.addAll(sources);
        print(total("**all of the above**", all));
        System.out.println();
        System.out.println("Changed source files, worst five by text / bsdiff (whole records):");
        System.out.println();
        System.out.println("| file | old bytes | text record | bsdiff record | text / bsdiff | text payload | bsdiff payload |");
        System.out.println("|---|---|---|---|---|---|---|");
        sources.stream().sorted(Comparator.comparingDouble(Row::ratio).reversed()).limit(5).forEach(TextRecordSizes::print);
        long over = sources.stream().filter(r -> r.ratio() > 1.1).count();
        System.out.printf(Locale.ROOT, "%nFiles above 1.1x: %d of %d; median text / bsdiff %.3f%n", over, sources.size(),
                sources.stream().mapToDouble(Row::ratio).sorted().skip(sources.size() / 2).findFirst().orElse(0));
    }

    private static Row total(String name, List<Row> rows) {
        return new Row(name, rows.stream().mapToLong(Row::oldBytes).sum(), rows.stream().mapToLong(Row::text).sum(),
                rows.stream().mapToLong(Row::bsdiff).sum(), rows.stream().mapToLong(Row::textStored).sum(),
                rows.stream().mapToLong(Row::bsdiffStored).sum());
    }

    private static void print(Row r) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.3f | %,d | %,d |%n", r.name(), r.oldBytes(), r.text(),
                r.bsdiff(), r.ratio(), r.textStored(), r.bsdiffStored());
    }
}
