package io.deltachain.cli;

import io.deltachain.core.Deltas;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.ProviderFailure;
import io.deltachain.api.ProviderInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists every strategy and codec found, with the jar that provides it. */
@Command(name = "strategies", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List every strategy and codec found: id, kind, state type, native format, providing jar.")
final class StrategiesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        DeltaRegistry registry = Deltas.registry();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "KIND", "STATE", "NATIVE FORMAT", "PROVIDED BY"});
        rows.add(new String[] {"auto", "strategy", "any", "-", "delta-core (smallest record per delta)"});
        rows.add(new String[] {"none", "strategy", "any", "-", "delta-core (state stored whole)"});
        for (ProviderInfo p : registry.providers()) {
            if (p.kind().equals("state-format")) {
                continue;
            }
            rows.add(new String[] {p.id(), p.kind(), p.stateFormat().orElse("-"), p.nativeFormat().orElse("-"),
                    p.location()});
        }
        int[] width = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < 5; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < 5; i++) {
                out.append(i == 4 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
            }
            out.append('\n');
        }
        System.out.print(out);
        for (ProviderFailure f : registry.failures()) {
            System.err.println("delta: warning: " + f);
        }
        return 0;
    }
}
