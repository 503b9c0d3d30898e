package io.deltachain.tests.arch;

/**
 * Where each of Deltachain's layers lives, so that one rule can be checked against the real packages
 * ({@link #DELTACHAIN}) and against a deliberately bad fixture that mirrors them under another root.
 *
 * @param root the package every layer lives under, e.g. {@code io.deltachain}
 */
record Layout(String root) {
    /** The real packages, as DESIGN.md's module table lists them. */
    static final Layout DELTACHAIN = new Layout("io.deltachain");

    /** @return {@code delta-api}'s user package, e.g. {@code io.deltachain.api} */
    String api() {
        return root + ".api";
    }

    /** @return {@code delta-api}'s provider package, e.g. {@code io.deltachain.spi} */
    String spi() {
        return root + ".spi";
    }

    /** @return {@code delta-json}'s package */
    String json() {
        return root + ".json";
    }

    /** @return {@code delta-core}'s package */
    String core() {
        return root + ".core";
    }

    /** @return the parent of every strategy module's package, e.g. {@code io.deltachain.strategy} */
    String strategies() {
        return root + ".strategy";
    }

    /** @return the parent of every codec module's package */
    String codecs() {
        return root + ".codec";
    }

    /** @return the parent of every store adapter's package */
    String stores() {
        return root + ".store";
    }

    /** @return {@code delta-testkit}'s package */
    String testkit() {
        return root + ".testkit";
    }

    /** @param pkg a package @return the ArchUnit pattern for it and everything below it */
    static String andBelow(String pkg) {
        return pkg + "..";
    }
}
