package io.deltachain.tests.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * DESIGN.md's architecture rules, checked on Deltachain's production classes: every module's
 * {@code target/classes} (or jar) on this module's test class path, never test classes or the bad
 * fixtures under {@code io.deltachain.tests} ({@link ArchitectureRulesBiteTest} proves each rule fails
 * on those).
 */
@AnalyzeClasses(packages = "io.deltachain",
        importOptions = {ImportOption.DoNotIncludeTests.class, DeltachainRules.ExcludeDeltaTests.class})
class ArchitectureTest {
    private static final Layout REAL = Layout.DELTACHAIN;

    @ArchTest
    static final ArchRule api_depends_on_the_jdk_only = DeltachainRules.apiDependsOnTheJdkOnly(REAL);

    @ArchTest
    static final ArchRule strategies_and_codecs_depend_on_api_and_json_only =
            DeltachainRules.strategiesAndCodecsDependOnApiAndJsonOnly(REAL);

    @ArchTest
    static final ArchRule strategies_do_not_depend_on_each_other =
            DeltachainRules.strategiesDoNotDependOnEachOther(REAL);

    @ArchTest
    static final ArchRule codecs_do_not_depend_on_each_other = DeltachainRules.codecsDoNotDependOnEachOther(REAL);

    @ArchTest
    static final ArchRule strategies_and_codecs_do_not_depend_on_each_other =
            DeltachainRules.strategiesAndCodecsDoNotDependOnEachOther(REAL);

    @ArchTest
    static final ArchRule core_never_names_a_concrete_strategy_or_codec =
            DeltachainRules.coreNeverNamesAConcreteStrategyOrCodec(REAL);

    @ArchTest
    static final ArchRule json_does_not_depend_on_core = DeltachainRules.jsonDoesNotDependOnCore(REAL);

    @ArchTest
    static final ArchRule testkit_depends_on_api_and_junit_only = DeltachainRules.testkitDependsOnApiAndJunitOnly(REAL);

    @ArchTest
    static final ArchRule no_cycles_between_packages_with_internal_folded_into_its_parent =
            DeltachainRules.noCyclesBetweenPackagesWithInternalFoldedIntoItsParent(REAL);

    @ArchTest
    static final ArchRule nothing_outside_a_module_uses_its_internal_packages =
            DeltachainRules.nothingOutsideAModuleUsesItsInternalPackages(REAL);

    @ArchTest
    static final ArchRule the_user_package_names_no_provider_implementation =
            DeltachainRules.userPackageNamesNoProviderImplementation(REAL);

    @ArchTest
    static final ArchRule public_signatures_expose_no_internal_type = DeltachainRules.publicSignaturesExposeNoInternalType(REAL);

    @ArchTest
    static final ArchRule no_class_outside_an_internal_package_is_named_Impl =
            DeltachainRules.noClassOutsideAnInternalPackageIsNamedImpl(REAL);

    @ArchTest
    static final ArchRule public_providers_have_a_public_no_arg_constructor =
            DeltachainRules.publicProvidersHaveAPublicNoArgConstructor(
                    DeltachainRules.listedProviders(ArchitectureTest.class.getClassLoader()));

    /** Guards against rules passing vacuously: the import holds every module and nothing of these tests. */
    @ArchTest
    static void the_rules_see_every_module_and_no_test_class(JavaClasses classes) {
        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));
        for (String expected : List.of("io.deltachain.api", "io.deltachain.spi", "io.deltachain.api.internal", "io.deltachain.json",
                "io.deltachain.json.internal", "io.deltachain.core", "io.deltachain.core.internal",
                "io.deltachain.strategy.dict", "io.deltachain.strategy.bsdiff.internal",
                "io.deltachain.strategy.jsonpatch", "io.deltachain.strategy.jsonpatch.internal", "io.deltachain.codec.gzip",
                "io.deltachain.codec.zstd", "io.deltachain.strategy.zstdpatch", "io.deltachain.strategy.zstdpatch.internal",
                "io.deltachain.testkit", "io.deltachain.store.testkit", "io.deltachain.cli", "io.deltachain.cli.internal")) {
            assertTrue(packages.contains(expected), "imported packages " + packages + " lack " + expected);
        }
        assertEquals(Set.of(), packages.stream().filter(p -> p.startsWith("io.deltachain.tests"))
                .collect(Collectors.toSet()), "test classes and fixtures must not be checked as production code");
        assertTrue(classes.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")),
                "a class named ...Test was imported as production code");
    }

    /** Every provider our own jars list in META-INF/services is among the classes the rule checks. */
    @ArchTest
    static void every_listed_provider_of_ours_is_checked(JavaClasses classes) {
        Set<String> ours = DeltachainRules.listedProviders(ArchitectureTest.class.getClassLoader()).stream()
                .filter(n -> n.startsWith("io.deltachain.") && !n.startsWith("io.deltachain.tests."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(ours.containsAll(Set.of("io.deltachain.strategy.dict.DictStrategy",
                "io.deltachain.codec.gzip.GzipCodec", "io.deltachain.json.internal.JsonMapFormat")), ours::toString);
        for (String name : ours) {
            assertTrue(classes.contain(name), name + " is listed in META-INF/services but was not imported");
        }
    }
}
