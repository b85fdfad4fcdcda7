package io.pooldesk.cluster;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live cluster workspace whose server refuses at once: the first failed list is reported while LiveCluster is still
 * being built. Before its view was assigned, that report threw a NullPointerException on the kind's worker thread,
 * which then died, so the kind was never tried again (seen by the Fleet page's window test).
 */
class LiveClusterStartTest {

    @Test
    void aServerThatRefusesAtOnceIsReportedReconnectingAndNoWorkerDies() throws Exception {
        List<Throwable> died = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> died.add(e));
        try {
            for (int attempt = 0; attempt < 20; attempt++) {
                List<ConnectionState> states = new CopyOnWriteArrayList<>();
                ClusterGateway gateway = new ClusterGateway(new KubernetesClientBuilder().withConfig(
                        new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0)
                                .build()).build(), Duration.ofSeconds(5));
                try (LiveCluster live = LiveCluster.open(gateway, "down", new LiveCluster.Listener() {
                    @Override
                    public void changed() {
                    }

                    @Override
                    public void state(ConnectionState state) {
                        states.add(state);
                    }
                })) {
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (live.state().link() != ConnectionState.Link.RECONNECTING
                            && System.currentTimeMillis() < deadline) {
                        Thread.sleep(10);
                    }
                    assertEquals(ConnectionState.Link.RECONNECTING, live.state().link());
                    assertTrue(live.state().why().contains("cannot reach the cluster at http://127.0.0.1:1"),
                            live.state().why());
                }
            }
            Thread.sleep(200);
            assertEquals(List.of(), died, "no live view worker died");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
