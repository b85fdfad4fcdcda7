package io.pooldesk.app.cli;

import io.pooldesk.cluster.ClusterException;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ObjectDiff;
import io.pooldesk.cluster.ObjectOutcome;
import io.pooldesk.cluster.PulledFolder;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code pooldesk diff}, {@code pooldesk apply} and {@code pooldesk pull}: the workspace and a cluster. Exit 1 when
 * the cluster refused or could not be reached, 2 when the kubeconfig, an argument or a workspace object cannot be
 * used (an object with a field its kind's schema in the cluster lacks, too). Every message comes from the gateway, which never carries a credential.
 */
final class ClusterCommands {
    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;

    ClusterCommands(InputStream stdin, PrintWriter out, PrintWriter err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    int diff(ClusterOptions options, List<String> files) {
        List<Manifest> desired = read(files);
        if (desired == null) {
            return Cli.UNREADABLE;
        }
        try (ClusterGateway cluster = options.connect()) {
            int changed = 0;
            for (ObjectDiff diff : cluster.diff(desired)) {
                switch (diff.change()) {
                    case CREATE -> out.println("+ " + diff.describe() + " (new)");
                    case UPDATE -> out.println("~ " + diff.describe());
                    case UNCHANGED -> out.println("= " + diff.describe());
                }
                if (diff.change() != ObjectDiff.Change.UNCHANGED) {
                    changed++;
                    diff.fields().forEach(f -> out.println("    " + f));
                }
            }
            out.println(changed == 0 ? "no differences" : changed + " object(s) differ");
            return Cli.OK;
        } catch (ClusterException e) {
            return fail(e);
        }
    }

    int apply(ClusterOptions options, boolean dryRun, boolean serverSide, List<String> files) {
        List<Manifest> desired = read(files);
        if (desired == null) {
            return Cli.UNREADABLE;
        }
        try (ClusterGateway cluster = options.connect()) {
            List<ObjectOutcome> outcomes = cluster.apply(desired, dryRun, serverSide,
                    outcome -> out.println(outcome));
            long failed = outcomes.stream().filter(o -> o.result().isFailure()).count();
            long unknown = outcomes.stream().filter(o -> o.result() == ObjectOutcome.Result.UNKNOWN).count();
            long written = outcomes.stream().filter(o -> o.result() == ObjectOutcome.Result.CREATED
                    || o.result() == ObjectOutcome.Result.UPDATED).count();
            out.println((dryRun ? "dry-run: " : "") + written + " written, " + (failed - unknown) + " not applied, "
                    + (unknown == 0 ? "" : unknown + " unknown (see above), ")
                    + (outcomes.size() - written - failed) + " unchanged or would change");
            // a field the cluster's schema lacks is the workspace's fault, as any other bad input
            return outcomes.stream().anyMatch(o -> o.result() == ObjectOutcome.Result.INVALID) ? Cli.UNREADABLE
                    : failed == 0 ? Cli.OK : Cli.FAILED;
        } catch (ClusterException e) {
            return fail(e);
        }
    }

    /** Saves what the cluster holds, one file per kind, as a workspace folder for offline planning. */
    int pull(ClusterOptions options, Path folder) {
        try (ClusterGateway cluster = options.connect()) {
            PulledFolder.Report report = cluster.pull(folder);
            report.read().notes().forEach(n -> err.println("note: " + n));
            report.changes().forEach(out::println);
            out.println("pulled " + report.read().objects().size() + " object(s) into " + folder
                    + (report.first() ? "" : report.changes().isEmpty() ? "; nothing changed since the last pull"
                    : "; " + report.changes().size() + " changed since the last pull"));
            return Cli.OK;
        } catch (ClusterException e) {
            return fail(e);
        } catch (IOException e) {
            err.println("error: " + folder + ": cannot be written (" + e.getClass().getSimpleName() + ")");
            return Cli.UNREADABLE;
        }
    }

    private List<Manifest> read(List<String> files) {
        ManifestReader.Result read = new ManifestReader(stdin).read(files);
        if (!read.ok()) {
            read.errors().forEach(e -> err.println("error: " + e));
            return null;
        }
        return read.manifests();
    }

    private int fail(ClusterException e) {
        err.println("error: " + e.getMessage());
        return e.badInput() ? Cli.UNREADABLE : Cli.FAILED;
    }
}
