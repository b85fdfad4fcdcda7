package io.pooldesk.app.cli;

import io.pooldesk.cluster.ClusterException;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.Kubeconfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** How diff, apply and pull reach a cluster: kubectl's own options, with the same meaning. */
public final class ClusterOptions {
    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: the current one)")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "the kubeconfig to use (default: KUBECONFIG, else ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class,
            description = {"deadline of each request, its whole answer included, and of the kubeconfig's credential",
                    "plugin: 500ms, 30s, 2m (default: ${DEFAULT-VALUE})"})
    Duration requestTimeout;

    ClusterGateway connect() throws ClusterException {
        Kubeconfig config = kubeconfig != null ? Kubeconfig.of(kubeconfig) : Kubeconfig.locate();
        return ClusterGateway.connect(config, context, requestTimeout);
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            var match = java.util.regex.Pattern.compile("([0-9]{1,6})(ms|s|m)").matcher(value);
            if (!match.matches() || Long.parseLong(match.group(1)) == 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration above zero such as"
                        + " 500ms, 30s or 2m");
            }
            long amount = Long.parseLong(match.group(1));
            return switch (match.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        }
    }
}
