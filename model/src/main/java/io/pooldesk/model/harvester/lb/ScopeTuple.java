package io.pooldesk.model.harvester.lb;

/** One entry of {@code spec.selector.scope}: who may use the pool. {@code *} means all, "" means none. */
public record ScopeTuple(String project, String namespace, String guestCluster) {
    public static final String ALL = "*";

    public boolean isAllWildcards() {
        return ALL.equals(project) && ALL.equals(namespace) && ALL.equals(guestCluster);
    }

    /** As the reference prints a tuple in its messages. */
    @Override
    public String toString() {
        return "{Project:" + project + " Namespace:" + namespace + " GuestCluster:" + guestCluster + "}";
    }
}
