package io.pooldesk.model.manifest;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shortcut resolver types every plain scalar as SnakeYAML's own resolver does (YAML 1.1, as kubectl reads). */
class TypingResolverTest {
    private static final Resolver SNAKEYAML = new Resolver();
    private static final Resolver SHORTCUT = new YamlDocuments.TypingResolver();

    @Test
    void yaml11WordsNumbersAndDatesAreTypedAsSnakeYamlTypesThem() {
        List<String> values = new ArrayList<>(List.of("", "~", "null", "Null", "NULL", "nULL", "nulls", "y", "Y", "n",
                "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "true", "True",
                "TRUE", "false", "False", "FALSE", "falsey", "offset", "online", "none", "0", "-1", "+12", "0x1F",
                "0o17", "017", "1_000", "1.5", ".5", ".inf", "-.Inf", ".NaN", "1e3", "6.8523015e+5", "190:20:30",
                "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "!tag", "&a", "*a", "name", "namespace",
                "loadbalancer.harvesterhci.io/v1beta1", "IPPool", "10.0.0.0/24", "fd00::/64", "ns-1", "Éclair",
                "trueish", "nothing", "Yesterday"));
        Random random = new Random(3);
        String alphabet = "ynoftYNOFTalesrux0123456789-+._:~<=!&*xeE \t\u0000";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(value.toString());
        }
        for (String value : values) {
            assertEquals(SNAKEYAML.resolve(NodeId.scalar, value, true), SHORTCUT.resolve(NodeId.scalar, value, true),
                    "\"" + value + "\"");
            assertEquals(SNAKEYAML.resolve(NodeId.scalar, value, false), SHORTCUT.resolve(NodeId.scalar, value, false),
                    "\"" + value + "\" quoted");
        }
    }
}
