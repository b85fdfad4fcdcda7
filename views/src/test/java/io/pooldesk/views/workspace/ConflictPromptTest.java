package io.pooldesk.views.workspace;

import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.model.harvester.lb.PoolSelector;
import io.pooldesk.model.workspace.ThreeWayMerge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A field changed both in the form and on disk is put to the operator, and the answer is what gets saved. */
class ConflictPromptTest {
    @TempDir
    Path folder;

    private static final String POOL = """
            # edge pool, kept by another team
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata:
              name: edge
            spec:
              ranges:
                - subnet: 10.1.0.0/24
              selector:
                priority: 10
                scope:
                  - namespace: edge
            """;

    private static IpPool withPriority(IpPool pool, long priority) {
        PoolSelector s = pool.selector();
        return new IpPool(pool.name(), pool.description(), pool.ranges(),
                new PoolSelector(s.network(), priority, s.scope()), pool.status(), pool.original());
    }

    @Test
    void theOperatorDecidesAFieldChangedOnBothSides() throws Exception {
        for (boolean takeTheirs : new boolean[]{true, false}) {
            Path file = Files.writeString(folder.resolve("pools.yaml"), POOL);
            WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
            model.open(folder);
            IpPool edge = io.pooldesk.model.harvester.lb.HarvesterLbCodec.readPool(model.manifests().get(0));
            List<ThreeWayMerge.Conflict> asked = new ArrayList<>();
            model.setConflictChooser(conflict -> {
                asked.add(conflict);
                return takeTheirs;
            });
            Files.writeString(file, POOL.replace("priority: 10", "priority: 30")
                    .replace("subnet: 10.1.0.0/24", "subnet: 10.1.0.0/23"));
            model.savePool(io.pooldesk.model.harvester.lb.HarvesterLbCodec.writePool(withPriority(edge, 15)), "Set priority");
            assertEquals(1, asked.size(), "one field changed on both sides");
            assertEquals("spec.selector.priority", asked.get(0).field());
            assertEquals(POOL.replace("priority: 10", "priority: " + (takeTheirs ? 30 : 15))
                    .replace("subnet: 10.1.0.0/24", "subnet: 10.1.0.0/23"), Files.readString(file),
                    "their widening kept, the decided priority written, the comment intact");
            assertTrue(model.statusProperty().get().contains("spec.selector.priority"), model.statusProperty().get());
        }
    }
}
