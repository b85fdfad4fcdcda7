package io.pooldesk.cluster;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that accepts connections and never answers cannot hang the live view, its caller or its closing. */
class LiveViewDeadlineTest {
    @Test
    void aServerThatNeverAnswersLeavesTheLiveViewSayingSoWithinTheDeadline() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).withRequestTimeout(600_000)
                    .withRequestRetryBackoffLimit(0).build()).build();
            try (ClusterGateway gateway = new ClusterGateway(client, Duration.ofSeconds(2))) {
                long started = System.nanoTime();
                LiveView view = gateway.watch(() -> { });
                assertTrue(System.nanoTime() - started < 1_000_000_000L, "watch() returns at once");
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (!view.state().contains("did not answer list")) {
                    assertTrue(System.nanoTime() < deadline, "within 20 s the view says the server did not answer: "
                            + view.state());
                    Thread.sleep(100);
                }
                assertTrue(view.state().contains("within 2 s"), view.state());
                started = System.nanoTime();
                view.close();
                assertTrue(System.nanoTime() - started < 1_000_000_000L, "closing returns at once");
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }
}
