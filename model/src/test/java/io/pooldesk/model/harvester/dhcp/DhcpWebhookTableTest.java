package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.system.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vm-dhcp-controller c3042d6 {@code pkg/webhook/ippool/mutator_test.go} TestMutator_Create and
 * {@code validator_test.go} TestValidator_Create / TestValidator_Update, row by row, through the chain the API server
 * runs (mutator on create, the CRD's schema and CEL rules, then the validator: {@link DhcpWebhook}). The reference's
 * unit tests call each webhook alone; where the chain answers differently the row says so and gives the chain's answer
 * (a malformed start the mutator replaces, a start after the defaulted end it refuses as "invalid pool range", a
 * malformed router the schema refuses, a changed server the CEL rule refuses). Pool {@code default/net-1}, service CIDR
 * 10.53.0.0/16 (the webhook's default).
 */
class DhcpWebhookTableTest {
    private static final String SERVICE_CIDR = "10.53.0.0/16";
    private static final String CREATE = "cannot create IPPool default/net-1 because ";
    private static final String UPDATE = "cannot update IPPool default/net-1 because ";

    private static DhcpPool pool(String ipv4Config) throws ManifestException {
        return pool(ipv4Config, "");
    }

    private static DhcpPool pool(String ipv4Config, String status) throws ManifestException {
        Manifest manifest = ManifestReader.parse("p.yaml", """
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: IPPool
                metadata: {name: net-1, namespace: default}
                spec:
                  networkName: default/net-1
                  ipv4Config: {%s}
                %s""".formatted(ipv4Config, status)).manifests().get(0);
        return DhcpCodec.readPool(manifest);
    }

    private static String refusal(List<Violation> refusal) {
        return refusal.isEmpty() ? "ok" : refusal.get(0).message();
    }

    @ParameterizedTest(name = "TestValidator_Create \"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "valid server ip|cidr: 192.168.0.0/24, serverIP: 192.168.0.2|ok",
            "invalid server ip which is out of range|cidr: 192.168.0.0/24, serverIP: 192.168.100.2"
                    + "|server ip 192.168.100.2 is not within subnet",
            "invalid server ip which is the same as network ip|cidr: 192.168.0.128/25, serverIP: 192.168.0.128"
                    + "|server ip 192.168.0.128 is the same as network ip",
            "invalid server ip which is the same as broadcast ip|cidr: 192.168.0.0/25, serverIP: 192.168.0.127"
                    + "|server ip 192.168.0.127 is the same as broadcast ip",
            "invalid server ip which is the same as router ip|cidr: 192.168.0.254/24, serverIP: 192.168.0.254,"
                    + " router: 192.168.0.254|server ip 192.168.0.254 is the same as router ip",
            // the unit test expects the validator's ParseAddr error; in the chain the CRD's format check answers first
            "invalid router ip which is malformed|cidr: 192.168.0.0/24, router: 192.168.0.1000"
                    + "|spec.ipv4Config.router: Invalid value: \"192.168.0.1000\": spec.ipv4Config.router in body must"
                    + " be of type ipv4: \"192.168.0.1000\"",
            "invalid router ip which is out of subnet|cidr: 192.168.0.0/24, router: 192.168.1.1"
                    + "|router ip 192.168.1.1 is not within subnet",
            "invalid router ip which is the same as network ip|cidr: 192.168.0.0/24, router: 192.168.0.0"
                    + "|router ip 192.168.0.0 is the same as network ip",
            "invalid router ip which is the same as broadcast ip|cidr: 192.168.0.0/24, router: 192.168.0.255"
                    + "|router ip 192.168.0.255 is the same as broadcast ip",
            // chain: the mutator cannot parse the start, so it replaces it with the default (mutator.go 141-163)
            "invalid start ip which is malformed|cidr: 192.168.0.0/24, pool: {start: 192.168.0.1000}|ok",
            // chain: the end defaults to .254, before the start, so the mutator refuses the range first
            "invalid start ip which is out of subnet|cidr: 192.168.0.0/24, pool: {start: 192.168.1.100}"
                    + "|invalid pool range",
            "invalid start ip which is the same as network ip|cidr: 192.168.0.0/24, pool: {start: 192.168.0.0}"
                    + "|start ip 192.168.0.0 is the same as network ip",
            "invalid start ip which is the same as broadcast ip|cidr: 192.168.0.0/24, pool: {start: 192.168.0.255}"
                    + "|invalid pool range",
            "invalid end ip which is malformed|cidr: 192.168.0.0/24, pool: {end: 192.168.0.1000}|ok",
            "invalid end ip which is out of subnet|cidr: 192.168.0.0/24, pool: {end: 192.168.1.100}"
                    + "|end ip 192.168.1.100 is not within subnet",
            "invalid emd ip which is the same as network ip|cidr: 192.168.0.0/24, pool: {end: 192.168.0.0}"
                    + "|invalid pool range",
            "invalid end ip which is the same as broadcast ip|cidr: 192.168.0.0/24, pool: {end: 192.168.0.255}"
                    + "|end ip 192.168.0.255 is the same as broadcast ip",
            "cidr overlaps cluster's service cidr (default service cidr)|cidr: 10.53.0.0/24"
                    + "|cidr 10.53.0.0/24 overlaps cluster service cidr 10.53.0.0/16",
    })
    void create(String name, String ipv4Config, String expected) throws ManifestException {
        String got = refusal(DhcpWebhook.create(pool(ipv4Config), SERVICE_CIDR).refusal());
        assertEquals(expected.equals("ok") || expected.startsWith("spec.") ? expected : CREATE + expected, got, name);
    }

    @ParameterizedTest(name = "TestMutator_Create \"{0}\"")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "no router ippool with server, start, and end ips undefined|cidr: 192.168.0.0/24"
                    + "|192.168.0.1|192.168.0.254|192.168.0.1|-",
            "ippool with server, start, and end ips undefined|cidr: 172.19.64.128/29, router: 172.19.64.129"
                    + "|172.19.64.129|172.19.64.134|172.19.64.130|-",
            "ippool with server, start, and end ips all defined|cidr: 172.19.64.128/29, serverIP: 172.19.64.130,"
                    + " router: 172.19.64.129, pool: {start: 172.19.64.131, end: 172.19.64.133}"
                    + "|172.19.64.131|172.19.64.133|172.19.64.130|-",
            "/30 ippool with router (zero allocatable ip left effectively)|cidr: 172.19.64.128/30,"
                    + " router: 172.19.64.129|172.19.64.129|172.19.64.130|172.19.64.130|-",
            "/30 ippool without router (one allocatable ip left effectively)|cidr: 172.19.64.128/30"
                    + "|172.19.64.129|172.19.64.130|172.19.64.129|-",
            "/30 ippool without router but with start ip defined|cidr: 172.19.64.128/30,"
                    + " pool: {start: 172.19.64.130}|172.19.64.130|172.19.64.130|172.19.64.129|-",
            "no router ippool with excluded ips|cidr: 172.19.64.128/29,"
                    + " pool: {exclude: [172.19.64.129, 172.19.64.131]}|172.19.64.129|172.19.64.134|172.19.64.130|-",
            "the only available ip left is the broadcast ip|cidr: 172.19.64.128/29, router: 172.19.64.130,"
                    + " pool: {exclude: [172.19.64.129, 172.19.64.131, 172.19.64.132, 172.19.64.133, 172.19.64.134]}"
                    + "|-|-|-|fail to assign ip for dhcp server",
            "/32 ippool|cidr: 172.19.64.128/32|-|-|-|fail to assign ip for dhcp server",
            "/31 ippool|cidr: 172.19.64.128/31|-|-|-|fail to assign ip for dhcp server",
            "server ip and router are in the middle of pool range|cidr: 192.168.0.0/24, serverIP: 192.168.0.50,"
                    + " router: 192.168.0.100|192.168.0.1|192.168.0.254|192.168.0.50|-",
    })
    void mutate(String name, String ipv4Config, String start, String end, String server, String error)
            throws ManifestException {
        DhcpWebhook.Admission admission = DhcpWebhook.create(pool(ipv4Config), SERVICE_CIDR);
        if (error != null) {
            assertEquals(CREATE + error, refusal(admission.refusal()), name);
            return;
        }
        assertEquals("ok", refusal(admission.refusal()), name);
        assertEquals(List.of(start, end, server), List.of(admission.stored().start(), admission.stored().end(),
                admission.stored().serverIP()), name);
    }

    @ParameterizedTest(name = "TestMutator_Create: only what the mutator fills is reported as changed ({0})")
    @CsvSource(delimiter = '|', value = {
            "cidr: 192.168.0.0/24|spec.ipv4Config.serverIP,spec.ipv4Config.pool.start,spec.ipv4Config.pool.end",
            "cidr: 192.168.0.0/24, serverIP: 192.168.0.50, pool: {start: 192.168.0.10}|spec.ipv4Config.pool.end",
            "cidr: 192.168.0.0/24, serverIP: 192.168.0.50, pool: {start: 192.168.0.10, end: 192.168.0.20}|"})
    void mutationsAreReported(String ipv4Config, String fields) throws ManifestException {
        List<String> changed = new ArrayList<>();
        DhcpWebhook.create(pool(ipv4Config), SERVICE_CIDR).changes().forEach(c -> changed.add(c.field()));
        assertEquals(fields == null ? List.of() : List.of(fields.split(",")), changed);
    }

    @ParameterizedTest(name = "TestValidator_Update \"{0}\"")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // the unit test passes (the validator never compares old and new); in the chain the CRD's CEL rule refuses
            "valid server ip|serverIP: 192.168.0.2|serverIP: 192.168.0.254|-"
                    + "|spec.ipv4Config.serverIP: Invalid value: \"string\": ServerIP is immutable",
            "invalid server ip which collides with other allocated ips|serverIP: 192.168.0.100"
                    + "|serverIP: 192.168.0.100|192.168.0.100: 11:22:33:44:55:66"
                    + "|server ip 192.168.0.100 is already occupied",
            "server ip collides with excluded ip|serverIP: 192.168.0.100|serverIP: 192.168.0.100"
                    + "|192.168.0.100: EXCLUDED|server ip 192.168.0.100 is already occupied",
            "server ip within the pool range|serverIP: 192.168.0.2|serverIP: 192.168.0.2|192.168.0.2: RESERVED|ok",
            "invalid router ip which is out of subnet (router changed)|serverIP: 192.168.0.2, router: 192.168.0.1"
                    + "|serverIP: 192.168.0.2, router: 192.168.1.1|-"
                    + "|spec.ipv4Config.router: Invalid value: \"string\": Router is immutable",
            "router removed|serverIP: 192.168.0.2, router: 192.168.0.1|serverIP: 192.168.0.2|-"
                    + "|spec.ipv4Config: Invalid value: \"object\": Router is required once set",
    })
    void update(String name, String before, String after, String allocated, String expected)
            throws ManifestException {
        DhcpLayout stored = DhcpLayout.resolve(DhcpWebhook.create(pool("cidr: 192.168.0.0/24, " + before),
                SERVICE_CIDR).stored(), new ArrayList<>());
        Map<String, String> status = allocated == null ? Map.of()
                : Map.of(allocated.split(": ")[0], allocated.split(": ")[1]);
        String got = refusal(DhcpAdmission.checkUpdate(stored, pool("cidr: 192.168.0.0/24, " + after), SERVICE_CIDR,
                status));
        assertEquals(expected.equals("ok") || expected.startsWith("spec.") ? expected : UPDATE + expected, got, name);
    }

    @ParameterizedTest(name = "TestValidator_Update \"cidr overlaps cluster's service cidr\" ({0})")
    @CsvSource({"10.53.0.0/16", "10.43.0.0/16"})
    void updateOfAPoolInsideTheServiceCidr(String serviceCidr) throws ManifestException {
        DhcpLayout stored = DhcpLayout.resolve(DhcpWebhook.create(pool("cidr: 10.53.0.0/24"), "10.43.0.0/16").stored(),
                new ArrayList<>());
        String got = refusal(DhcpAdmission.checkUpdate(stored, pool("cidr: 10.53.0.0/24"), serviceCidr, Map.of()));
        assertEquals(serviceCidr.startsWith("10.53") ? UPDATE + "cidr 10.53.0.0/24 overlaps cluster service cidr"
                + " 10.53.0.0/16" : "ok", got);
    }

    @ParameterizedTest(name = "Go's ParseAddr words: {0}")
    @CsvSource(delimiter = '|', value = {
            "192.168.0.1000|ParseAddr(\"192.168.0.1000\"): IPv4 field has value >255",
            "192.168.0.01|ParseAddr(\"192.168.0.01\"): IPv4 field has octet with leading zero",
            "192.168.0|ParseAddr(\"192.168.0\"): IPv4 address too short",
            "192.168.0.1.2|ParseAddr(\"192.168.0.1.2\"): IPv4 address too long",
            "192.168..1|ParseAddr(\"192.168..1\"): IPv4 field must have at least one digit (at \".1\")",
            "192.168.0.x|ParseAddr(\"192.168.0.x\"): unexpected character (at \"x\")",
            "abc|ParseAddr(\"abc\"): unable to parse IP"})
    void anExcludeGoCannotParseIsRefusedByTheMutatorInGoWords(String exclude, String expected)
            throws ManifestException {
        String got = refusal(DhcpWebhook.create(pool("cidr: 192.168.0.0/24, pool: {exclude: [\"" + exclude + "\"]}"),
                SERVICE_CIDR).refusal());
        assertEquals(CREATE + expected, got);
        assertTrue(GoParseAddr.parse(exclude) == null);
    }
}
