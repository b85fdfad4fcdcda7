package io.pooldesk.model.harvester.lb;

/** What a load balancer asks of a pool: its VM network, Rancher project, namespace and guest cluster. */
public record Requirement(String network, String project, String namespace, String cluster) {

    /** In words, for the reason a load balancer stays pending. Empty values are shown as {@code ""}. */
    public String describe() {
        return "network " + shown(network) + ", project " + shown(project) + ", namespace " + shown(namespace)
                + ", cluster " + shown(cluster);
    }

    private static String shown(String value) {
        return value.isEmpty() ? "\"\"" : value;
    }
}
