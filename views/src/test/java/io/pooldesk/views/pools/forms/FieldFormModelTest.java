package io.pooldesk.views.pools.forms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.views.pools.editor.FieldFormModel;
import io.pooldesk.views.pools.editor.PoolForm;
import io.pooldesk.views.pools.editor.PoolFormModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The field-by-field forms without a window: what they save, and what they say is wrong. */
class FieldFormModelTest {
    private static final String WORKSPACE = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: edge, namespace: metallb-system, uid: 1234}
            spec:
              addresses: [10.0.10.0/24]
              serviceAllocation:
                priority: 5
                namespaceSelectors:
                  - matchLabels: {team: a}
                    matchExpressions: [{key: tier, operator: In, values: [web]}]
            status: {assignedIPv4: 3}
            ---
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: other, namespace: metallb-system}
            spec:
              addresses: [10.0.20.0/24]
            ---
            apiVersion: network.kubesphere.io/v1alpha2
            kind: Eip
            metadata: {name: eip}
            spec: {address: 192.168.50.0/28, unknownField: kept}
            ---
            apiVersion: network.harvesterhci.io/v1alpha1
            kind: IPPool
            metadata: {name: net-48, namespace: default}
            spec:
              networkName: default/net-48
              ipv4Config:
                serverIP: 172.19.0.2
                cidr: 172.19.0.0/16
                pool: {start: 172.19.0.10, end: 172.19.0.200}
                dns: [1.1.1.1]
            ---
            apiVersion: novaedge.io/v1alpha1
            kind: ProxyIPPool
            metadata: {name: vips}
            spec: {cidrs: [10.200.0.0/28]}
            """;
    private static final List<Manifest> OBJECTS = ManifestReader.parse("ws.yaml", WORKSPACE).manifests();

    private static Manifest named(String name) {
        return OBJECTS.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static FieldFormModel edit(String name) {
        Manifest pool = named(name);
        PoolForm form = PoolForms.of(pool).orElseThrow();
        return (FieldFormModel) form.edit(pool.object(), OBJECTS);
    }

    @Test
    void everyKindHasAFormAndAnUntouchedFormSavesThePoolAsItWas() {
        for (String name : List.of("edge", "eip", "net-48", "vips")) {
            FieldFormModel form = edit(name);
            assertTrue(form.validProperty().get(), name + ": " + form.errors());
            assertEquals(named(name).object(), form.toObject(), name + ": nothing typed, nothing changed");
        }
        assertEquals(5, PoolForms.all().size(), "one form per pool system");
    }

    @Test
    void aChangedFieldIsTheOnlyChangeAndUnknownFieldsAndStatusStay() {
        FieldFormModel form = edit("edge");
        form.value("spec.serviceAllocation.priority").text.set("7");
        ObjectNode expected = named("edge").object().deepCopy();
        ((ObjectNode) expected.at("/spec/serviceAllocation")).put("priority", 7);
        assertEquals(expected, form.toObject());
        assertTrue(form.changedProperty().get());
    }

    @Test
    void aSelectorRowLeftAsItWasKeepsItsMatchExpressions() {
        FieldFormModel form = edit("edge");
        assertEquals("team=a", form.value("spec.serviceAllocation.namespaceSelectors").rows.get(0).get());
        form.addRow("spec.serviceAllocation.namespaceSelectors");
        form.value("spec.serviceAllocation.namespaceSelectors").rows.get(1).set("team=b, env=prod");
        ObjectNode saved = form.toObject();
        assertEquals("tier", saved.at("/spec/serviceAllocation/namespaceSelectors/0/matchExpressions/0/key").asText());
        assertEquals("prod", saved.at("/spec/serviceAllocation/namespaceSelectors/1/matchLabels/env").asText());
    }

    @Test
    void aValueClearedInAMappingTheSavedPoolDidNotHaveLeavesNoEmptyMapping() {
        PoolForm form = PoolForms.bySystem("metallb").orElseThrow();
        FieldFormModel pool = (FieldFormModel) form.create(null, OBJECTS);
        pool.value("spec.serviceAllocation.priority").text.set("3");
        assertEquals(3, pool.toObject().at("/spec/serviceAllocation/priority").asInt());
        pool.value("spec.serviceAllocation.priority").text.set("");
        assertTrue(pool.toObject().path("spec").path("serviceAllocation").isMissingNode(), pool.toObject().toString());
    }

    @Test
    void aPriorityInWordsIsRefusedInTheReadersWordsOnItsTab() {
        FieldFormModel form = edit("eip");
        form.value("spec.priority").text.set("high");
        String message = form.error("spec.priority");
        assertNotNull(message, form.errors().toString());
        assertEquals("Namespaces", form.tabOf("spec.priority"));
        assertFalse(form.validProperty().get());
        assertTrue(form.saveBlockedProperty().get().startsWith("Cannot save yet. Namespaces tab: " + message),
                form.saveBlockedProperty().get());
    }

    @Test
    void anOverlapWithAnotherPoolIsSaidUnderTheAddressesInTheWebhooksWords() {
        FieldFormModel form = edit("edge");
        form.addRow("spec.addresses");
        form.value("spec.addresses").rows.get(1).set("10.0.20.128/25");
        assertEquals("CIDR \"10.0.20.128/25\" in pool \"edge\" overlaps with already defined CIDR \"10.0.20.0/24\" of"
                + " pool \"other\"", form.error("spec.addresses"), form.errors().toString());
        assertEquals("Addresses", form.tabOf("spec.addresses"));
        assertTrue(form.placed("spec.addresses"), "shown under the list, not only in the summary");
    }

    @Test
    void aPoolOverlappingAnotherSystemsPoolIsRefusedAsValidateRefusesIt() {
        FieldFormModel form = edit("vips");
        form.value("spec.cidrs").rows.get(0).set("10.0.10.0/28");
        String message = form.error("spec");
        assertNotNull(message, "overlaps MetalLB's edge: " + form.errors());
        assertTrue(message.contains("IPAddressPool/edge") && message.contains("14 addresses"), message);
        assertFalse(form.placed("spec"), "listed under the tabs");
        assertEquals("Addresses", form.tabOf("spec"), "the tab holding the pool's addresses is marked");
    }

    @Test
    void aNewPoolNamedAsAnExistingOneIsRefused() {
        PoolFormModel pool = PoolForms.bySystem("novaedge").orElseThrow().create(null, OBJECTS);
        FieldFormModel form = (FieldFormModel) pool;
        form.value("metadata.name").text.set("vips");
        assertEquals("a pool of this name already exists", form.error("metadata.name"));
        form.value("metadata.name").text.set("vips-2");
        form.addRow("spec.cidrs");
        form.value("spec.cidrs").rows.get(0).set("10.201.0.0/28");
        assertTrue(form.validProperty().get(), form.errors().toString());
    }

    @Test
    void aCloneStartsAsACopyUnderANewNameWithoutWhatTheClusterWrote() {
        Manifest edge = named("edge");
        PoolFormModel clone = PoolForms.of(edge).orElseThrow().create(PoolForms.cloneOf(edge.object()), OBJECTS);
        ObjectNode saved = clone.toObject();
        assertEquals("edge-copy", saved.at("/metadata/name").asText());
        assertTrue(saved.path("status").isMissingNode());
        assertTrue(saved.at("/metadata/uid").isMissingNode());
        assertEquals(edge.object().get("spec"), saved.get("spec"));
        assertTrue(clone.isNew());
        assertTrue(clone.error("spec.addresses").contains("overlaps"), "the copy overlaps the original: "
                + clone.errors());
    }
}
