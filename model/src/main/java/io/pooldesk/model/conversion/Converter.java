package io.pooldesk.model.conversion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.ConversionBatch;
import io.pooldesk.model.system.NeutralPool;
import io.pooldesk.model.system.PoolSystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts pools between systems. Every pool keeps its exact address set where the target can express it; whatever
 * does not carry over becomes one loss line naming the pool. A pool already of the target system is passed through.
 */
public final class Converter {
    private Converter() {
    }

    /** Any pool of any system, in terms every system shares. */
    public static NeutralPool read(Manifest manifest) throws ManifestException {
        Optional<PoolSystem> system = PoolSystems.ofPool(manifest);
        if (system.isEmpty()) {
            throw new ManifestException("kind", "not a pool of a kind Pooldesk converts");
        }
        return system.get().neutral(manifest);
    }

    public static ConversionResult convert(List<Manifest> manifests, PoolSystem target) {
        List<ObjectNode> objects = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        List<ManifestProblem> errors = new ArrayList<>();
        List<NeutralPool> pools = new ArrayList<>();
        List<Manifest> skipped = new ArrayList<>();
        for (Manifest manifest : manifests) {
            Optional<PoolSystem> source = PoolSystems.ofPool(manifest);
            if (source.isEmpty()) {
                skipped.add(manifest);
                continue;
            }
            try {
                pools.add(source.get().neutral(manifest));
            } catch (ManifestException e) {
                errors.add(manifest.problem(e));
            }
        }
        if (!skipped.isEmpty()) {
            losses.add(skippedLine(skipped, target));
        }
        pools = rankBiggerWins(pools);
        ConversionBatch batch = new ConversionBatch();
        batch.maxRank = pools.stream().filter(p -> p.rank() != null).mapToInt(NeutralPool::rank).max().orElse(0);
        for (NeutralPool pool : pools) {
            if (pool.system().equals(target.id())) {
                objects.add(pool.source().object().deepCopy());
                continue;
            }
            String prefix = prefix(pool.source(), target);
            pool.notes().forEach(note -> losses.add(prefix + note + " has no equivalent in " + target.id()));
            objects.addAll(target.write(pool, batch, loss -> losses.add(prefix + loss)));
        }
        return new ConversionResult(objects, losses, errors);
    }

    /** Objects that are not pools are named together, on one line: convert carries pools only. */
    private static String skippedLine(List<Manifest> skipped, PoolSystem target) {
        if (skipped.size() == 1) {
            return prefix(skipped.get(0), target) + "not a pool: only pools are converted";
        }
        List<String> names = skipped.stream().limit(5).map(Manifest::describe).toList();
        return skipped.size() + " objects are not pools and were not converted to " + target.id() + ": "
                + String.join(", ", names) + (skipped.size() > names.size() ? ", ..." : "");
    }

    /** Where a bigger priority wins (Harvester), the batch's priorities become ranks where 1 is the most preferred. */
    private static List<NeutralPool> rankBiggerWins(List<NeutralPool> pools) {
        int max = pools.stream().filter(p -> p.biggerWins() && p.rank() != null)
                .mapToInt(NeutralPool::rank).max().orElse(0);
        List<NeutralPool> out = new ArrayList<>();
        for (NeutralPool p : pools) {
            out.add(p.biggerWins() && p.rank() != null ? p.ranked(max + 1 - p.rank()) : p);
        }
        return out;
    }

    private static String prefix(Manifest manifest, PoolSystem target) {
        return manifest.source() + ": document " + manifest.document() + " (" + manifest.describe() + ") -> "
                + target.id() + ": ";
    }
}
