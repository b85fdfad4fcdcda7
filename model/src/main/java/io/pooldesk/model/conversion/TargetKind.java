package io.pooldesk.model.conversion;

import java.util.Arrays;
import java.util.Optional;

/** The five pool kinds a conversion can target, by the names the command line uses. */
public enum TargetKind {
    HARVESTER_LB("harvester-lb"),
    HARVESTER_DHCP("harvester-dhcp"),
    METALLB("metallb"),
    OPENELB("openelb"),
    NOVAEDGE("novaedge");

    private final String cliName;

    TargetKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Optional<TargetKind> byCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(name)).findFirst();
    }
}
