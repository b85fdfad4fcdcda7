package io.pooldesk.model.system;

/**
 * A setting of a system's controller or webhook that the operator may give on the command line, such as
 * {@code --service-cidr}. {@code name} is the option without its dashes; {@code cidr} says the value must be a CIDR.
 */
public record Setting(String name, String label, String description, String defaultValue, boolean cidr) {
}
