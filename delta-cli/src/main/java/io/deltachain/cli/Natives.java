package io.deltachain.cli;

import io.deltachain.api.DeltaRegistry;
import java.util.List;
import java.util.stream.Collectors;

/** Which strategies have a native patch format, for messages. */
final class Natives {
    private Natives() {
    }

    static String available(DeltaRegistry registry) {
        List<String> ids = registry.providers().stream()
                .filter(p -> p.kind().equals("strategy") && p.nativeFormat().isPresent())
                .map(p -> p.id() + " (" + p.nativeFormat().get() + ")")
                .collect(Collectors.toList());
        return ids.isEmpty() ? "no installed strategy has one (bsdiff writes BSDIFF40; put its jar in plugins/)"
                : "strategies with one: " + String.join(", ", ids);
    }

}
