package io.pooldesk.app.cli;

import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pool systems' settings ({@code --service-cidr}, ...) as options of the commands that run the engine. */
final class SystemSettings {
    static final List<String> COMMANDS = List.of("validate", "simulate");

    private SystemSettings() {
    }

    /** Adds every system's settings, from the registry, to the commands that run the engine (those in the model). */
    static void addTo(CommandLine root) {
        for (String command : COMMANDS) {
            CommandLine subcommand = root.getSubcommands().get(command);
            if (subcommand == null) {
                continue;
            }
            CommandSpec spec = subcommand.getCommandSpec();
            for (PoolSystem system : PoolSystems.all()) {
                for (Setting setting : system.settings()) {
                    spec.addOption(OptionSpec.builder("--" + setting.name()).paramLabel(setting.label())
                            .type(String.class).description(setting.description() + " (" + system.title()
                                    + "; default: " + setting.defaultValue() + ")").build());
                }
            }
        }
    }

    /**
     * The settings given on the command line of {@code command}, checked.
     *
     * @throws CommandLine.ParameterException when a value is not what the setting takes (exit 2)
     */
    static Map<String, String> given(CommandSpec root, String command) {
        CommandSpec spec = root.commandLine().getSubcommands().get(command).getCommandSpec();
        Map<String, String> out = new LinkedHashMap<>();
        for (PoolSystem system : PoolSystems.all()) {
            for (Setting setting : system.settings()) {
                OptionSpec option = spec.findOption("--" + setting.name());
                String value = option == null ? null : option.getValue();
                if (value == null) {
                    continue;
                }
                if (setting.cidr()) {
                    try {
                        AddressParser.cidr(value);
                    } catch (InvalidAddressException e) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "--" + setting.name() + ": \""
                                + value + "\" is not a CIDR: " + e.getMessage());
                    }
                }
                out.put(setting.name(), value);
            }
        }
        return out;
    }
}
