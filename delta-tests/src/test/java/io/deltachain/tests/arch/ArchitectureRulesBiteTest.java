package io.deltachain.tests.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Proves every rule of {@link ArchitectureTest} bites: each fixture under
 * {@code io.deltachain.tests.fixtures.<rule>} mirrors Deltachain's package layout under its own root
 * and breaks exactly the rule under test, beside classes that keep it. The rule must fail, name the
 * offending classes (and what they used), and leave the compliant classes out of its report.
 */
class ArchitectureRulesBiteTest {
    private static final String FIXTURES = "io.deltachain.tests.fixtures";

    private static Layout layout(String rule) {
        return new Layout(FIXTURES + "." + rule);
    }

    private static JavaClasses fixture(String... subpackages) {
        String[] packages = new String[subpackages.length];
        for (int i = 0; i < subpackages.length; i++) {
            packages[i] = FIXTURES + "." + subpackages[i];
        }
        JavaClasses classes = new ClassFileImporter().importPackages(packages);
        assertFalse(classes.isEmpty(), "no fixture classes found in " + String.join(", ", packages));
        return classes;
    }

    /** Checks that {@code rule} fails on {@code classes}, and returns its report. */
    private static String violations(ArchRule rule, JavaClasses classes) {
        AssertionError error = assertThrows(AssertionError.class, () -> rule.check(classes),
                () -> "the rule did not bite: " + rule.getDescription());
        return error.getMessage();
    }

    private static void assertNames(String report, String... expected) {
        for (String e : expected) {
            assertTrue(report.contains(e), () -> "the report should name " + e + ":\n" + report);
        }
    }

    private static void assertDoesNotName(String report, String... innocent) {
        for (String i : innocent) {
            assertFalse(report.contains(i + ".") || report.contains(i + ">") || report.contains(i + " "),
                    () -> "the report should leave " + i + " alone:\n" + report);
        }
    }

    @Test
    void apiThatUsesJacksonOrCoreBreaksApiDependsOnTheJdkOnly() {
        String report = violations(DeltachainRules.apiDependsOnTheJdkOnly(layout("apirule")), fixture("apirule"));
        String root = FIXTURES + ".apirule.";
        assertNames(report, root + "spi.JacksonLeak", "com.fasterxml.jackson.databind.JsonNode",
                root + "api.internal.CoreLeak", root + "core.Engine");
        assertDoesNotName(report, root + "api.GoodApi", root + "api.internal.Helper", root + "spi.GoodProvider");
        assertFalse(report.contains("java.sql"), "java.sql is part of the JDK:\n" + report);
    }

    @Test
    void strategyOnCoreOrCodecOnSlf4jBreaksStrategiesAndCodecsDependOnApiAndJsonOnly() {
        String report = violations(DeltachainRules.strategiesAndCodecsDependOnApiAndJsonOnly(layout("pluginrule")),
                fixture("pluginrule"));
        assertNames(report, FIXTURES + ".pluginrule.strategy.coreuser.CoreUserStrategy", "io.deltachain.core.DeltaChain",
                FIXTURES + ".pluginrule.codec.logging.LoggingCodec", "org.slf4j.Logger");
        assertDoesNotName(report, FIXTURES + ".pluginrule.strategy.good.GoodStrategy",
                FIXTURES + ".pluginrule.strategy.good.internal.Blocks");
    }

    @Test
    void strategyUsingAnotherStrategyBreaksStrategiesDoNotDependOnEachOther() {
        String report = violations(DeltachainRules.strategiesDoNotDependOnEachOther(layout("siblings")),
                fixture("siblings"));
        assertNames(report, FIXTURES + ".siblings.strategy.alpha.AlphaStrategy",
                FIXTURES + ".siblings.strategy.beta.BetaStrategy");
        assertDoesNotName(report, FIXTURES + ".siblings.strategy.gamma.GammaStrategy",
                FIXTURES + ".siblings.codec.lz.LzCodec");
    }

    @Test
    void codecUsingAnotherCodecBreaksCodecsDoNotDependOnEachOther() {
        String report = violations(DeltachainRules.codecsDoNotDependOnEachOther(layout("siblings")), fixture("siblings"));
        assertNames(report, FIXTURES + ".siblings.codec.lz.LzCodec", FIXTURES + ".siblings.codec.zip.ZipCodec");
        assertDoesNotName(report, FIXTURES + ".siblings.strategy.alpha.AlphaStrategy",
                FIXTURES + ".siblings.strategy.gamma.GammaStrategy");
    }

    @Test
    void strategyUsingACodecOrCodecUsingAStrategyBreaksStrategiesAndCodecsDoNotDependOnEachOther() {
        String report = violations(DeltachainRules.strategiesAndCodecsDoNotDependOnEachOther(layout("siblings")),
                fixture("siblings"));
        assertNames(report, FIXTURES + ".siblings.strategy.gamma.GammaStrategy", FIXTURES + ".siblings.codec.zip.ZipCodec",
                FIXTURES + ".siblings.codec.raw.RawCodec", FIXTURES + ".siblings.strategy.beta.BetaStrategy");
        assertDoesNotName(report, FIXTURES + ".siblings.strategy.alpha.AlphaStrategy",
                FIXTURES + ".siblings.codec.lz.LzCodec");
    }

    @Test
    void coreNamingAStrategyCodecOrStoreBreaksCoreNeverNamesAConcreteStrategyOrCodec() {
        String report = violations(DeltachainRules.coreNeverNamesAConcreteStrategyOrCodec(layout("corerule")),
                fixture("corerule"));
        String root = FIXTURES + ".corerule.";
        assertNames(report, root + "core.Compressor", root + "strategy.fast.FastStrategy",
                root + "core.internal.Wiring", root + "codec.tiny.TinyCodec",
                root + "core.Stores", root + "store.sql.SqlStore");
        assertDoesNotName(report, root + "core.ChainPort");
    }

    @Test
    void jsonUsingCoreOrAStrategyBreaksJsonDoesNotDependOnCore() {
        String report = violations(DeltachainRules.jsonDoesNotDependOnCore(layout("jsonrule")), fixture("jsonrule"));
        String root = FIXTURES + ".jsonrule.";
        assertNames(report, root + "json.Canonical", root + "core.Chain", root + "json.internal.Reader",
                root + "strategy.dict.DictLike");
        assertDoesNotName(report, root + "json.Fine");
    }

    @Test
    void testkitUsingCoreOrJacksonBreaksTestkitDependsOnApiAndJunitOnly() {
        String report = violations(DeltachainRules.testkitDependsOnApiAndJunitOnly(layout("testkitrule")),
                fixture("testkitrule"));
        String root = FIXTURES + ".testkitrule.";
        assertNames(report, root + "testkit.ChainContract", "io.deltachain.core.DeltaChain",
                root + "testkit.JsonContract", "com.fasterxml.jackson.databind.node.JsonNodeFactory");
        assertDoesNotName(report, root + "testkit.GoodContract");
    }

    @Test
    void twoSiblingPackagesThatImportEachOtherFormACycle() {
        String report = violations(DeltachainRules.noCyclesBetweenPackagesWithInternalFoldedIntoItsParent(
                layout("cycle")), fixture("cycle"));
        assertNames(report, FIXTURES + ".cycle.alpha", FIXTURES + ".cycle.beta",
                FIXTURES + ".cycle.alpha.Alpha", FIXTURES + ".cycle.beta.Beta");
    }

    @Test
    void aCycleThroughAnInternalPackageIsACycleOfItsParent() {
        JavaClasses classes = fixture("fold.a", "fold.b");
        String report = violations(DeltachainRules.noCyclesBetweenPackagesWithInternalFoldedIntoItsParent(
                layout("fold")), classes);
        assertTrue(report.contains("Slice " + FIXTURES + ".fold.a") && report.contains("Slice " + FIXTURES + ".fold.b"),
                () -> "the cycle should be reported between slices fold.a and fold.b:\n" + report);
        assertNames(report, FIXTURES + ".fold.a.internal.X", FIXTURES + ".fold.b.Y", FIXTURES + ".fold.a.Z");
        assertFalse(report.contains("Slice " + FIXTURES + ".fold.a.internal"),
                () -> "fold.a.internal is part of slice fold.a, not a slice of its own:\n" + report);
        // Without folding, a.internal -> b -> a is no cycle: the custom assignment is what finds it.
        assertDoesNotThrow(() -> slices().matching(FIXTURES + ".fold.(**)").should().beFreeOfCycles().check(classes));
    }

    @Test
    void aPackageAndItsOwnInternalPackageUsingEachOtherIsNoCycle() {
        JavaClasses classes = fixture("fold.c");
        assertDoesNotThrow(() -> DeltachainRules.noCyclesBetweenPackagesWithInternalFoldedIntoItsParent(layout("fold"))
                .check(classes));
        // Counted as separate packages, c and c.internal would be a cycle: the folding is what allows it.
        assertThrows(AssertionError.class,
                () -> slices().matching(FIXTURES + ".fold.(**)").should().beFreeOfCycles().check(classes));
    }

    @Test
    void theApiAndSpiPackagesReferringToEachOtherAreNoCycleButTwoOtherSiblingsAre() {
        JavaClasses classes = fixture("apirule");
        String root = FIXTURES + ".apirule";
        String report = violations(DeltachainRules.noCyclesBetweenPackagesWithInternalFoldedIntoItsParent(
                layout("apirule")), classes);
        assertTrue(report.contains("Slice " + root + ".core") && report.contains("Slice " + root + ".json"),
                () -> "the cycle should be reported between slices core and json:\n" + report);
        assertFalse(report.contains(root + ".api") || report.contains(root + ".spi"),
                () -> "api and spi are one slice, delta-api, and form no cycle:\n" + report);
        // Counted as separate packages, api and spi would be a cycle: the pairing is what allows it.
        String plain = violations(slices().matching(root + ".(*)..").should().beFreeOfCycles(), classes);
        assertTrue(plain.contains("Slice api") && plain.contains("Slice spi"),
                () -> "without the pairing, api and spi should form a cycle:\n" + plain);
    }

    @Test
    void aModuleOfApiOrSpiIsDeltaApiAndOtherwiseThePackageWithoutInternal() {
        Layout real = Layout.DELTACHAIN;
        assertEquals("io.deltachain.api", DeltachainRules.moduleOf(real, "io.deltachain.api"));
        assertEquals("io.deltachain.api", DeltachainRules.moduleOf(real, "io.deltachain.api.internal"));
        assertEquals("io.deltachain.api", DeltachainRules.moduleOf(real, "io.deltachain.spi"));
        assertEquals("io.deltachain.api", DeltachainRules.moduleOf(real, "io.deltachain.spi.internal"));
        assertEquals("io.deltachain.core", DeltachainRules.moduleOf(real, "io.deltachain.core.internal.wire"));
        assertEquals("io.deltachain.strategy.bsdiff",
                DeltachainRules.moduleOf(real, "io.deltachain.strategy.bsdiff.internal"));
        assertEquals("io.deltachain.spiral", DeltachainRules.moduleOf(real, "io.deltachain.spiral"));
    }

    @Test
    void usingAnotherModulesInternalsBreaksNothingOutsideAModuleUsesItsInternalPackages() {
        String report = violations(DeltachainRules.nothingOutsideAModuleUsesItsInternalPackages(layout("internalrule")),
                fixture("internalrule"));
        String root = FIXTURES + ".internalrule.";
        assertNames(report, root + "cli.Command", root + "core.internal.Wire",
                root + "core.internal.Bridge", root + "json.internal.Reader",
                root + "strategy.slow.SlowStrategy", root + "strategy.fast.internal.Blocks");
        assertDoesNotName(report, root + "core.Chain", root + "core.internal.wire.Frames", root + "json.Canonical",
                root + "api.Registry", root + "spi.Strategy", root + "strategy.fast.FastStrategy");
    }

    @Test
    void theUserPackageNamingAStrategyCodecOrStoreBreaksUserPackageNamesNoProviderImplementation() {
        String report = violations(DeltachainRules.userPackageNamesNoProviderImplementation(layout("userapirule")),
                fixture("userapirule"));
        String root = FIXTURES + ".userapirule.";
        assertNames(report, root + "api.Registry", root + "strategy.fast.FastStrategy", root + "api.Codecs",
                root + "codec.tiny.TinyCodec", root + "api.Stores", root + "store.sql.SqlStore");
        assertDoesNotName(report, root + "api.Limits", root + "api.internal.BuiltIns");
    }

    @Test
    void aPublicSignatureNamingAnInternalTypeBreaksPublicSignaturesExposeNoInternalType() {
        String report = violations(DeltachainRules.publicSignaturesExposeNoInternalType(layout("signaturerule")),
                fixture("signaturerule"));
        String core = FIXTURES + ".signaturerule.core.";
        String frame = core + "internal.Frame";
        assertNames(report, "Field <" + core + "Chain.current> has type " + frame,
                "Constructor <" + core + "Chain.<init>(" + frame + ")> takes " + frame,
                "Method <" + core + "Chain.head()> returns " + frame,
                "Method <" + core + "Chain.load(" + frame + ")> takes " + frame,
                "Method <" + core + "Chain.frames()> returns java.util.List<" + frame + ">",
                "Method <" + core + "Chain.typed(java.lang.Class)> has a type parameter bounded by " + frame,
                "Method <" + core + "Chain.check()> throws " + core + "internal.Failure",
                "Class <" + core + "Extended> extends " + core + "internal.Base",
                "Method <" + core + "Template.hook()> returns " + frame);
        assertEquals(1, report.split("Chain\\.typed\\(", -1).length - 1,
                () -> "a type variable's internal bound is reported once, not again where the variable is used:\n" + report);
        assertFalse(report.contains("Chain.kept") || report.contains("Chain.hidden()") || report.contains("Chain.nearby()")
                || report.contains("Chain.size()"), () -> "private and package-private members are no API:\n" + report);
        assertDoesNotName(report, core + "Fine", core + "Hidden", frame + ".next()");
    }

    @Test
    void foldingRemovesTheFirstInternalSegmentAndEverythingBelowIt() {
        assertEquals("io.deltachain.core", DeltachainRules.foldInternal("io.deltachain.core"));
        assertEquals("io.deltachain.core", DeltachainRules.foldInternal("io.deltachain.core.internal"));
        assertEquals("io.deltachain.core", DeltachainRules.foldInternal("io.deltachain.core.internal.wire"));
        assertEquals("io.deltachain.internals", DeltachainRules.foldInternal("io.deltachain.internals"));
        assertEquals("io.deltachain.core.internalise", DeltachainRules.foldInternal("io.deltachain.core.internalise"));
    }

    @Test
    void anImplOutsideAnInternalPackageBreaksTheNamingRule() {
        String report = violations(DeltachainRules.noClassOutsideAnInternalPackageIsNamedImpl(layout("naming")),
                fixture("naming"));
        assertNames(report, FIXTURES + ".naming.WidgetImpl");
        assertDoesNotName(report, FIXTURES + ".naming.internal.GadgetImpl");
    }

    @Test
    void aListedProviderWithoutAPublicNoArgConstructorBreaksTheProviderRule() {
        String pkg = FIXTURES + ".noarg.";
        Set<String> listed = Set.of(pkg + "FineCodec", pkg + "ConfiguredCodec", pkg + "SingletonCodec",
                pkg + "HiddenCodec", pkg + "AbstractCodec");
        String report = violations(DeltachainRules.publicProvidersHaveAPublicNoArgConstructor(listed), fixture("noarg"));
        assertNames(report, pkg + "ConfiguredCodec has no public no-argument constructor",
                pkg + "SingletonCodec has no public no-argument constructor", pkg + "HiddenCodec is not public",
                pkg + "AbstractCodec is abstract");
        assertDoesNotName(report, pkg + "FineCodec");
        // Only listed classes are checked: the same fixture passes when nothing bad is listed.
        assertDoesNotThrow(() -> DeltachainRules.publicProvidersHaveAPublicNoArgConstructor(Set.of(pkg + "FineCodec"))
                .check(fixture("noarg")));
    }
}
