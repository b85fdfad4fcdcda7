package io.pooldesk.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.cluster.ClusterException;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ConnectionState;
import io.pooldesk.cluster.Kubeconfig;
import io.pooldesk.cluster.LiveCluster;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.fleet.FleetSummary;
import io.pooldesk.model.manifest.Yaml;
import io.pooldesk.model.workspace.PoolSummary;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code pooldesk fleet} and {@code pooldesk who}: several kubeconfig contexts read side by side. Exit 0 when every
 * cluster was read, 1 when one could not be (its row says why, in the gateway's words), 2 for an argument, a
 * kubeconfig or a context that cannot be used.
 */
final class FleetCommand {
    private final PrintWriter out;
    private final PrintWriter err;

    FleetCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    int summary(List<String> contexts, Path kubeconfig, Duration timeout, boolean json) {
        FleetSummary fleet = read(contexts, kubeconfig, timeout);
        if (fleet == null) {
            return Cli.UNREADABLE;
        }
        if (json) {
            try {
                out.println(Yaml.json().writerWithDefaultPrettyPrinter().writeValueAsString(json(fleet)));
            } catch (JsonProcessingException e) {
                err.println("error: the summary could not be written as JSON (" + e.getClass().getSimpleName() + ")");
                return Cli.FAILED;
            }
        } else {
            text(fleet);
        }
        return fleet.clusters().stream().anyMatch(FleetSummary.Cluster::failed) ? Cli.FAILED : Cli.OK;
    }

    int who(String typed, List<String> contexts, Path kubeconfig, Duration timeout) {
        Address address;
        try {
            address = AddressParser.address(typed.trim());
        } catch (InvalidAddressException e) {
            err.println("error: ADDRESS: '" + typed + "' is not one IP address (such as"
                    + " 10.0.0.5 or fd00::5)");
            return Cli.UNREADABLE;
        }
        FleetSummary fleet = read(contexts, kubeconfig, timeout);
        if (fleet == null) {
            return Cli.UNREADABLE;
        }
        fleet.who(address).forEach(a -> out.println(a.describe()));
        return fleet.clusters().stream().anyMatch(FleetSummary.Cluster::failed) ? Cli.FAILED : Cli.OK;
    }

    /** Each context's cluster, or a failed one with the gateway's words; null when an argument cannot be used. */
    private FleetSummary read(List<String> contexts, Path kubeconfig, Duration timeout) {
        Set<String> seen = new HashSet<>();
        for (String context : contexts) {
            if (!seen.add(context)) {
                err.println("error: --context " + context + " is given twice");
                return null;
            }
        }
        Kubeconfig config;
        try {
            config = kubeconfig != null ? Kubeconfig.of(kubeconfig) : Kubeconfig.locate();
        } catch (ClusterException e) {
            err.println("error: " + e.getMessage());
            return null;
        }
        List<FleetSummary.Cluster> clusters = new ArrayList<>();
        for (String context : contexts) {
            ClusterGateway gateway;
            try {
                gateway = ClusterGateway.connect(config, context, timeout);
            } catch (ClusterException e) {
                if (e.badInput()) {
                    err.println("error: --context " + context + ": " + e.getMessage());
                    return null;
                }
                clusters.add(FleetSummary.Cluster.failed(context, e.getMessage()));
                continue;
            }
            clusters.add(listed(gateway, context, timeout));
        }
        return new FleetSummary(clusters);
    }

    /**
     * The cluster as the window's live workspace holds it (the same kinds, Services, Namespaces and Nodes included),
     * once every kind is listed; a cluster whose lists fail is a failed row with the gateway's words.
     */
    private static FleetSummary.Cluster listed(ClusterGateway gateway, String context, Duration timeout) {
        LiveCluster live = LiveCluster.open(gateway, context, new LiveCluster.Listener() {
            @Override
            public void changed() {
            }

            @Override
            public void state(ConnectionState state) {
            }
        });
        try {
            // each list has the request deadline; the kinds are listed side by side
            long deadline = System.nanoTime() + timeout.plusSeconds(5).toNanos();
            while (live.state().link() == ConnectionState.Link.CONNECTING && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            ConnectionState state = live.state();
            return switch (state.link()) {
                case LIVE -> FleetSummary.Cluster.of(context, live.snapshot());
                case RECONNECTING -> FleetSummary.Cluster.failed(context, state.why());
                case CONNECTING -> FleetSummary.Cluster.failed(context, "the cluster at " + live.server()
                        + " was not listed within " + timeout.toSeconds() + " s");
            };
        } finally {
            // the watches close themselves before the client does: none is left half open on the server
            live.closeAndWait(Duration.ofSeconds(5));
        }
    }

    private void text(FleetSummary fleet) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CONTEXT", "POOLS", "USED", "TOTAL", "FREE", "UTILISATION", "NEAREST TO FULL"});
        for (FleetSummary.Cluster c : fleet.clusters()) {
            if (c.failed()) {
                rows.add(new String[] {c.name(), "-", "-", "-", "-", "-", "error: " + c.error()});
                continue;
            }
            rows.add(new String[] {c.name(), String.valueOf(c.pools().size()), c.used().toString(),
                    c.total().toString(), c.free().toString(), percent(c.utilisation()),
                    c.nearestToFull().map(FleetCommand::nearest).orElse("-")});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ",
                        row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        fleet.firstToRunOut().ifPresentOrElse(f -> out.println("first to run out: " + f.cluster() + ", "
                        + nearest(f.pool()) + " (ranked by " + FleetSummary.RANKING + ")"),
                () -> out.println("first to run out: none (no cluster read has a pool that hands out addresses)"));
    }

    private static String percent(double utilisation) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * utilisation);
    }

    private static String nearest(PoolSummary pool) {
        return name(pool) + ": " + pool.available() + " of " + pool.total() + " free";
    }

    private static String name(PoolSummary pool) {
        return pool.kind() + " " + (pool.namespace().isEmpty() ? "" : pool.namespace() + "/") + pool.name();
    }

    private static ObjectNode json(FleetSummary fleet) {
        ObjectNode root = Yaml.json().createObjectNode();
        ArrayNode clusters = root.putArray("clusters");
        for (FleetSummary.Cluster c : fleet.clusters()) {
            ObjectNode node = clusters.addObject();
            node.put("context", c.name());
            if (c.failed()) {
                node.put("error", c.error());
                continue;
            }
            node.put("pools", c.pools().size());
            count(node, "total", c.total());
            count(node, "used", c.used());
            count(node, "free", c.free());
            node.put("utilisation", c.utilisation());
            c.nearestToFull().ifPresent(p -> pool(node.putObject("nearestToFull"), p));
        }
        fleet.firstToRunOut().ifPresent(f -> {
            ObjectNode first = root.putObject("firstToRunOut");
            first.put("context", f.cluster());
            pool(first, f.pool());
        });
        root.put("ranking", FleetSummary.RANKING);
        return root;
    }

    private static void pool(ObjectNode node, PoolSummary p) {
        node.put("kind", p.kind());
        node.put("namespace", p.namespace());
        node.put("name", p.name());
        count(node, "total", p.total());
        count(node, "used", p.used());
        count(node, "free", p.available());
    }

    /** A count as a JSON number while it fits a long, else as a string of digits, as simulate's report writes it. */
    private static void count(ObjectNode node, String field, BigInteger value) {
        if (value.bitLength() < 64) {
            node.put(field, value.longValue());
        } else {
            node.put(field, value.toString());
        }
    }
}
