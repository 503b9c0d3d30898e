package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaConfigurationException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChainPolicyTest {
    private static final List<ChainPolicy> ONE_OF_EACH = List.of(ChainPolicy.keepAll(), ChainPolicy.rebaseAfter(2),
            ChainPolicy.mergeAfter(2));

    @Test
    void aLengthBoundBelowTwoIsRefusedWithTheValueNamed() {
        DeltaConfigurationException rebase = assertThrows(DeltaConfigurationException.class,
                () -> ChainPolicy.rebaseAfter(1));
        assertEquals("rebaseAfter(maxLength): maxLength must be at least 2 (the base and one delta), got 1",
                rebase.getMessage());
        DeltaConfigurationException merge = assertThrows(DeltaConfigurationException.class,
                () -> new ChainPolicy.MergeAfter(-4));
        assertTrue(merge.getMessage().startsWith("mergeAfter(maxLength)") && merge.getMessage().endsWith("got -4"),
                merge.getMessage());
    }

    @Test
    void eachPolicyCarriesOnlyTheSettingsThatMeanSomethingForIt() {
        assertEquals(List.of(), components(ChainPolicy.KeepAll.class), "keeping every version has no length bound");
        assertEquals(List.of("maxLength"), components(ChainPolicy.RebaseAfter.class));
        assertEquals(List.of("maxLength"), components(ChainPolicy.MergeAfter.class));
        assertEquals(50, ChainPolicy.rebaseAfter(50).maxLength());
        assertEquals(ChainPolicy.mergeAfter(7), ChainPolicy.mergeAfter(7), "values, equal by their parameters");
    }

    @Test
    void theChainBuilderHasNoSettingThatOnlySomePoliciesUse() {
        Set<String> setters = Arrays.stream(DeltaChain.Builder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("build", "compressor", "openOrCreate", "policy", "snapshotEvery", "store",
                "strictAppends")),
                setters);
        assertTrue(Arrays.stream(DeltaChain.class.getMethods()).noneMatch(m -> m.getName().equals("maxChainLength")));
    }

    @Test
    void everyPolicyHasTheBehaviourTheChainDelegatesTo() {
        Set<Class<?>> covered = ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.of(ChainPolicy.class.getPermittedSubclasses()), covered, "one policy of each kind");
        ONE_OF_EACH.forEach(p -> assertTrue(PolicyRule.of(p) != null, p.toString()));
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
