package io.pooldesk.app.cli;

import io.pooldesk.cluster.RealApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.pooldesk.app.cli.CliContractTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `apply` of an object with a field the real cluster's schema lacks: refused naming the file's object and field, exit 2. */
@ExtendWith(RealApiServer.class)
class RealServerStrictCliTest {
    @TempDir
    Path dir;

    @Test
    void applyRefusesAFieldTheClustersSchemaLacksWithExitTwo(RealApiServer.Server server) throws Exception {
        String name = "strict-cli-" + ProcessHandle.current().pid();
        Path file = Files.writeString(dir.resolve("config.yaml"), """
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: VirtualMachineNetworkConfig
                metadata: {name: %s, namespace: default}
                spec:
                  vmName: %s
                  networkConfig:
                    - {macAddress: "ca:70:82:e6:84:6e", networkName: default/net-48}
                """.formatted(name, name));
        String kubeconfig = server.adminKubeconfig().toString();
        for (String[] args : new String[][] {
                {"apply", "--kubeconfig", kubeconfig, "--dry-run", file.toString()},
                {"apply", "--kubeconfig", kubeconfig, file.toString()},
                {"apply", "--kubeconfig", kubeconfig, "--server-side", file.toString()}}) {
            CliContractTest.Run apply = run(args);
            assertEquals(2, apply.code(), apply.all());
            assertTrue(apply.out().contains("VirtualMachineNetworkConfig/default/" + name + ": invalid: the cluster's"
                    + " schema for VirtualMachineNetworkConfig (network.harvesterhci.io/v1alpha1) has no field"
                    + " spec.networkConfig"), apply.all());
            assertTrue(!apply.all().contains("Exception"), apply.all());
        }
    }
}
