package io.pooldesk.model.system;

/**
 * A resource a pool system reads or writes in a cluster, as plain data: the cluster module turns it into its client's
 * resource definitions. {@code served} is false for a group operators meet in documentation that the controller does
 * not serve (read, never written).
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced, Role role,
                           boolean served) {

    /** What the object is to the system; pools are applied before the requests that use them. */
    public enum Role { POOL, REQUEST }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code plural.group}, as RBAC and kubectl name a resource. */
    public String resource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
