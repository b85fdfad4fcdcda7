package io.pooldesk.model.conversion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.manifest.ManifestProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts pools between kinds. Every pool keeps its exact address set where the target can express it; whatever
 * does not carry over becomes one loss line naming the pool. A pool already of the target kind is passed through.
 */
public final class Converter {
    private Converter() {
    }

    public static ConversionResult convert(List<Manifest> manifests, TargetKind target) {
        List<ObjectNode> objects = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        List<ManifestProblem> errors = new ArrayList<>();
        List<NeutralPool> pools = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (PoolReaders.kindOf(manifest) == null) {
                losses.add(prefix(manifest, target) + "not a pool: only pools are converted");
                continue;
            }
            try {
                pools.add(PoolReaders.read(manifest));
            } catch (ManifestException e) {
                errors.add(manifest.problem(e));
            }
        }
        pools = rankHarvesterPriorities(pools);
        PoolWriters.Batch batch = new PoolWriters.Batch();
        batch.maxRank = pools.stream().filter(p -> p.rank() != null).mapToInt(NeutralPool::rank).max().orElse(0);
        for (NeutralPool pool : pools) {
            if (pool.kind() == target) {
                objects.add(pool.source().object().deepCopy());
                continue;
            }
            String prefix = prefix(pool.source(), target);
            objects.addAll(PoolWriters.write(pool, target, batch, loss -> losses.add(prefix + loss)));
        }
        return new ConversionResult(objects, losses, errors);
    }

    /** Harvester's bigger priority wins: turn the batch's priorities into ranks where 1 is the most preferred. */
    private static List<NeutralPool> rankHarvesterPriorities(List<NeutralPool> pools) {
        int max = pools.stream().filter(p -> p.kind() == TargetKind.HARVESTER_LB && p.rank() != null)
                .mapToInt(NeutralPool::rank).max().orElse(0);
        List<NeutralPool> out = new ArrayList<>();
        for (NeutralPool p : pools) {
            if (p.kind() == TargetKind.HARVESTER_LB && p.rank() != null) {
                p = new NeutralPool(p.source(), p.kind(), p.name(), p.namespace(), p.addresses(), p.written(),
                        p.namespaces(), max + 1 - p.rank(), p.autoAssign(), p.notes());
            }
            out.add(p);
        }
        return out;
    }

    private static String prefix(Manifest manifest, TargetKind target) {
        return manifest.source() + ": document " + manifest.document() + " (" + manifest.describe() + ") -> "
                + target.cliName() + ": ";
    }
}
