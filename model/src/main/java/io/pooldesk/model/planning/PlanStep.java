package io.pooldesk.model.planning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of a what-if as the scenario panel composes it. Each step is written as one step of a {@code Scenario}
 * document, so the command line replays exactly what the window ran.
 */
public sealed interface PlanStep permits PlanStep.AddLoadBalancers, PlanStep.DeleteLoadBalancer, PlanStep.ApplyPool,
        PlanStep.Written {

    /** The step in words, for the list of steps. */
    String describe();

    /** The step as the Scenario document writes it. */
    ObjectNode toNode();

    JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** {@code count} new Harvester load balancers {@code namePrefix1..N} with the given requirements. */
    record AddLoadBalancers(int count, String namePrefix, LoadBalancerRequirements requirements) implements PlanStep {
        public AddLoadBalancers {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, not " + count);
            }
        }

        @Override
        public String describe() {
            String names = count == 1 ? namePrefix + "1" : namePrefix + "1 … " + namePrefix + count;
            return "Create " + count + " load balancer" + (count == 1 ? "" : "s") + " " + names + " ("
                    + requirements.describe() + ")";
        }

        @Override
        public ObjectNode toNode() {
            ObjectNode step = NODES.objectNode();
            ObjectNode repeat = step.putObject("repeat");
            repeat.put("count", count);
            repeat.put("namePrefix", namePrefix);
            repeat.set("create", requirements.loadBalancer(namePrefix));
            return step;
        }
    }

    record DeleteLoadBalancer(String namespace, String name) implements PlanStep {
        @Override
        public String describe() {
            return "Delete load balancer " + namespace + "/" + name;
        }

        @Override
        public ObjectNode toNode() {
            ObjectNode step = NODES.objectNode();
            ObjectNode delete = step.putObject("delete");
            delete.put("kind", "LoadBalancer");
            delete.put("namespace", namespace);
            delete.put("name", name);
            return step;
        }
    }

    /** A pool created or changed (a raised priority, a wider range): the whole object as it would be applied. */
    record ApplyPool(String description, ObjectNode pool) implements PlanStep {
        @Override
        public String describe() {
            return description;
        }

        @Override
        public ObjectNode toNode() {
            ObjectNode step = NODES.objectNode();
            step.set("create", pool.deepCopy());
            return step;
        }
    }

    /** A step of a loaded document the panel does not compose itself, kept and written back as it was. */
    record Written(String description, ObjectNode node) implements PlanStep {
        @Override
        public String describe() {
            return description;
        }

        @Override
        public ObjectNode toNode() {
            return node.deepCopy();
        }
    }
}
