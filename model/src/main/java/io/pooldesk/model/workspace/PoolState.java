package io.pooldesk.model.workspace;

import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.system.ValidationReport;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A pool's state in one word, as the list shows it: invalid when {@code validate} refuses it, else by how full it is,
 * with NetBox's utilisation thresholds (its {@code utilization_graph} turns amber from 75 % and red from 90 %).
 */
public enum PoolState {
    READY("ready"), NEARLY_FULL("nearly full"), FULL("full"), INVALID("invalid");

    /** From this share of the pool held it is nearly full (NetBox's warning threshold). */
    public static final double NEARLY_FULL_FROM = 0.75;
    /** From this share of the pool held it is full (NetBox's danger threshold). */
    public static final double FULL_FROM = 0.90;

    private final String words;

    PoolState(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** The state of a pool whose own problems are {@code problems} (see {@link #problemsOf(ValidationReport)}). */
    public static PoolState of(PoolSummary pool, List<ManifestProblem> problems) {
        if (!problems.isEmpty()) {
            return INVALID;
        }
        return byUtilisation(pool.utilisation());
    }

    /** The state a pool this full is in, problems aside. */
    public static PoolState byUtilisation(double utilisation) {
        return utilisation >= FULL_FROM ? FULL : utilisation >= NEARLY_FULL_FROM ? NEARLY_FULL : READY;
    }

    /**
     * The errors {@code validate} reported, by the pool whose own document each is about: looked up once per
     * document, so marking 5,000 pools against 200,000 problems stays linear.
     */
    public static Function<PoolSummary, List<ManifestProblem>> problemsOf(ValidationReport report) {
        if (report == null || report.errors().isEmpty()) {
            return pool -> List.of();
        }
        Map<String, List<ManifestProblem>> byDocument = report.errors().stream()
                .collect(Collectors.groupingBy(p -> p.source() + "\n" + p.document()));
        return pool -> byDocument.getOrDefault(pool.manifest().source() + "\n" + pool.manifest().document(),
                List.of());
    }
}
