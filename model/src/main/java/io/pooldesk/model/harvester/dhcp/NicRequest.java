package io.pooldesk.model.harvester.dhcp;

/** One NIC of a VirtualMachineNetworkConfig: its MAC, its network, and an optional designated address. */
public record NicRequest(String macAddress, String networkName, String ipAddress) {
}
