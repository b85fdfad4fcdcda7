package io.pooldesk.model.system;

/**
 * An object as the report and the window name it: its kind, its namespace ({@code ""} for a cluster-scoped object)
 * and its name. Written {@code Kind/namespace/name}, or {@code Kind/name} when cluster-scoped.
 */
public record ObjectRef(String kind, String namespace, String name) {

    public ObjectRef {
        namespace = namespace == null ? "" : namespace;
    }

    public static ObjectRef clusterScoped(String kind, String name) {
        return new ObjectRef(kind, "", name);
    }

    /** A namespaced object; an empty namespace is {@code default}, as the API server fills it. */
    public static ObjectRef namespaced(String kind, String namespace, String name) {
        return new ObjectRef(kind, namespace == null || namespace.isEmpty() ? "default" : namespace, name);
    }

    public boolean isClusterScoped() {
        return namespace.isEmpty();
    }

    /** {@code namespace/name}, or the name alone: how holders are written in a pool's status. */
    public String holder() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @Override
    public String toString() {
        return kind + "/" + holder();
    }
}
