package io.pooldesk.model.metallb;

import io.pooldesk.model.kube.LabelSelector;

import java.util.List;

/** {@code spec.serviceAllocation}: pins a pool to namespaces and services, with a priority (1 is the highest). */
public record ServiceAllocation(int priority, List<String> namespaces, List<LabelSelector> namespaceSelectors,
                                List<LabelSelector> serviceSelectors) {
}
