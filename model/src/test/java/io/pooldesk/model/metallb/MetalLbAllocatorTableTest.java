package io.pooldesk.model.metallb;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.pooldesk.model.address.Family;

import java.math.BigInteger;

import java.util.List;

import static io.pooldesk.model.metallb.AllocatorSteps.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MetalLB's allocator tables, row by row: internal/allocator/allocator_test.go (metallb/metallb 7938d3f), each row a
 * Service step through the simulator (see {@link AllocatorSteps}). The allocator test calls Assign/Allocate on an
 * opaque key; a Pooldesk row is a Service in namespace default (errors name it {@code default/s1}), with protocols in
 * upper case as real Services carry them ({@code port TCP/80 ...}).
 *
 * <p>Where a row fails in the reference, the allocator keeps the key's earlier allocation; MetalLB's controller does
 * not: a Service that asks for other addresses is cleared first (controller/service.go 148-156) and one whose held
 * address no longer passes Assign is cleared too (120-132), so through Pooldesk the failing Service holds nothing and
 * waits (the expected column says the reference's error, which is the same). Rows that change only a Service's
 * sharing key, ports or labels re-check what it holds, as the controller's Assign of the current addresses does.
 */
class MetalLbAllocatorTableTest {

    /** TestAssignment's pools (allocator_test.go 84-145); test3 to test6 overlap nothing, so all are admissible. */
    static final String ASSIGNMENT_POOLS = pool("test", "1.2.3.4/31, 1000::4/127", "")
            + pool("test2", "1.2.4.0/24, 1000::4:0/120", "avoidBuggyIPs: true")
            + pool("test3", "1.2.5.0/24, 1000::5:0/120", "avoidBuggyIPs: true, serviceAllocation: {namespaces: [test-ns1]}")
            + pool("test4", "1.2.6.0/24, 1000::6:0/120",
            "avoidBuggyIPs: true, serviceAllocation: {serviceSelectors: [{matchLabels: {team: metallb}}]}")
            + pool("test5", "1.2.7.0/24, 1000::7:0/120", "avoidBuggyIPs: true, serviceAllocation: {priority: 20,"
            + " namespaces: [test-ns1], serviceSelectors: [{matchLabels: {team: metallb}}]}")
            + pool("test6", "1.2.8.0/24, 1000::9:0/120", "avoidBuggyIPs: true, serviceAllocation: {priority: 20,"
            + " namespaces: [test-ns2], serviceSelectors: [{matchLabels: {foo: bar}}]}");

    /**
     * TestAssignment (allocator_test.go 83-701), all 50 steps. The IPv6 half gives each Service an IPv6 cluster IP
     * (the allocator test's Service has none; MetalLB takes the family from it). Steps 44-50 move the key between
     * namespaces, which a Service cannot: each namespace's s1 is its own Service here.
     */
    @TestFactory
    List<DynamicTest> testAssignment() {
        return new AllocatorSteps("TestAssignment", ASSIGNMENT_POOLS, """
                1  | assign s1                                    | s1 | ips=1.2.3.4 | 1.2.3.4
                2  | s1 idempotent reassign                       | s1 | ips=1.2.3.4 | 1.2.3.4
                3  | s2 can't grab s1's IP                        | s2 | ips=1.2.3.4 | error can't change sharing key for "default/s2", address also in use by default/s1
                4  | s2 can get the other IP                      | s2 | ips=1.2.3.5 | 1.2.3.5
                5  | s1 now can't grab s2's IP                    | s1 | ips=1.2.3.5 | error can't change sharing key for "default/s1", address also in use by default/s2
                6  | s1 frees its IP                              | s1 | delete | -
                7  | s2 can grab s1's former IP                   | s2 | ips=1.2.3.4 | 1.2.3.4
                8  | s1 can now grab s2's former IP               | s1 | ips=1.2.3.5 | 1.2.3.5
                9  | s3 cannot grab a 0 buggy IP                  | s3 | ips=1.2.4.0 | error ["1.2.4.0"] is not allowed in config
                10 | s3 cannot grab a 255 buggy IP                | s3 | ips=1.2.4.255 | error ["1.2.4.255"] is not allowed in config
                11 | s3 can grab another IP in that pool          | s3 | ips=1.2.4.254 | 1.2.4.254
                12 | s4 takes an IP, with sharing                 | s4 | ips=1.2.4.3 ports=TCP/80 key=sharing backend=backend | 1.2.4.3
                13 | s4 changes its sharing key in place          | s4 | ips=1.2.4.3 ports=TCP/80 key=share backend=backend | 1.2.4.3
                14 | s3 can't share with s4 (port conflict)       | s3 | ips=1.2.4.3 ports=TCP/80 key=share backend=backend | error port TCP/80 is already in use on "1.2.4.3"
                15 | s3 can't share with s4 (wrong sharing key)   | s3 | ips=1.2.4.3 ports=TCP/443 key=othershare backend=backend | error can't change sharing key for "default/s3", address also in use by default/s4
                16 | s3 can't share with s4 (wrong backend key)   | s3 | ips=1.2.4.3 ports=TCP/443 key=share backend=otherbackend | error can't change sharing key for "default/s3", address also in use by default/s4
                17 | s3 takes the same IP as s4                   | s3 | ips=1.2.4.3 ports=TCP/443 key=share backend=backend | 1.2.4.3
                18 | s3 can change its ports while keeping the same IP | s3 | ips=1.2.4.3 ports=UDP/53 key=share backend=backend | 1.2.4.3
                19 | s3 can't change its sharing key while keeping the same IP | s3 | ips=1.2.4.3 ports=TCP/443 key=othershare backend=backend | error can't change sharing key for "default/s3", address also in use by default/s4 ; warns current IP for "default/s3" not allowed by config, will attempt for new IP assignment: can't change sharing key for "default/s3", address also in use by default/s4
                20 | s3 can't change its backend key while keeping the same IP | s3 | ips=1.2.4.3 ports=TCP/443 key=share backend=otherbackend | error can't change sharing key for "default/s3", address also in use by default/s4
                21 | s4 takes s3's former IP                      | s4 | ips=1.2.4.254 | 1.2.4.254
                21 | (controller) waiting s3 then takes 1.2.4.3 s4 gave up | s3 | check | hold 1.2.4.3
                22 | ipv6 assign s1                               | s1 | ips=1000::4 | 1000::4
                23 | s1 idempotent reassign                       | s1 | ips=1000::4 | 1000::4
                24 | s2 can't grab s1's IP                        | s2 | ips=1000::4 | error can't change sharing key for "default/s2", address also in use by default/s1
                25 | s2 can get the other IP                      | s2 | ips=1000::4:5 | 1000::4:5
                26 | s1 now can't grab s2's IP                    | s1 | ips=1000::4:5 | error can't change sharing key for "default/s1", address also in use by default/s2
                27 | s1 frees its IP                              | s1 | delete | -
                28 | s2 can grab s1's former IP                   | s2 | ips=1000::4 | 1000::4
                29 | s1 can now grab s2's former IP               | s1 | ips=1000::4:5 | 1000::4:5
                30 | s3 can grab another IP in that pool          | s3 | ips=1000::4:ff | 1000::4:ff
                31 | s4 takes an IP, with sharing                 | s4 | ips=1000::4:3 ports=TCP/80 key=sharing backend=backend | 1000::4:3
                32 | s4 changes its sharing key in place          | s4 | ips=1000::4:3 ports=TCP/80 key=share backend=backend | 1000::4:3
                33 | s3 can't share with s4 (port conflict)       | s3 | ips=1000::4:3 ports=TCP/80 key=share backend=backend | error port TCP/80 is already in use on "1000::4:3"
                34 | s3 can't share with s4 (wrong sharing key)   | s3 | ips=1000::4:3 ports=TCP/443 key=othershare backend=backend | error can't change sharing key for "default/s3", address also in use by default/s4
                35 | s3 can't share with s4 (wrong backend key)   | s3 | ips=1000::4:3 ports=TCP/443 key=share backend=otherbackend | error can't change sharing key for "default/s3", address also in use by default/s4
                36 | s3 takes the same IP as s4                   | s3 | ips=1000::4:3 ports=TCP/443 key=share backend=backend | 1000::4:3
                37 | s3 can change its ports while keeping the same IP | s3 | ips=1000::4:3 ports=UDP/53 key=share backend=backend | 1000::4:3
                38 | s3 can't change its sharing key while keeping the same IP | s3 | ips=1000::4:3 ports=TCP/443 key=othershare backend=backend | error can't change sharing key for "default/s3", address also in use by default/s4
                39 | s3 can't change its backend key while keeping the same IP | s3 | ips=1000::4:3 ports=TCP/443 key=share backend=otherbackend | error can't change sharing key for "default/s3", address also in use by default/s4
                40 | s4 takes s3's former IP                      | s4 | ips=1000::4:ff | 1000::4:ff
                41 | s2 frees its IP                              | s2 | delete | -
                42 | ip dual-stack assign s1                      | s1 | ips=1.2.3.4,1000::4 | 1.2.3.4,1000::4
                43 | ip dual-stack assign s1 from different pools | s1 | ips=1.2.4.5,1000::4 | error ["1.2.4.5" "1000::4"] is not allowed in config
                44 | assign ip from pool pinned on same namespace | test-ns1/s1 | ips=1.2.5.10 | 1.2.5.10
                45 | assign ip from pool pinned on different namespace | testns-not-exist/s1 | ips=1.2.5.10 | error pool test3 not compatible for ip assignment
                46 | assign ip from pool pinned with same service label | testns-not-exist/s1 | ips=1.2.6.10 labels=team:metallb | 1.2.6.10
                47 | assign ip from pool pinned with different service label | testns-not-exist/s1 | ips=1.2.6.10 labels=team:red | error pool test4 not compatible for ip assignment
                48 | assign ip from pool pinned with namespace and service label | test-ns1/s1 | ips=1.2.7.10 labels=team:metallb | 1.2.7.10
                49 | pinned with namespace and incompatible service label | test-ns2/s1 | ips=1.2.8.10 labels=team:metallb | error pool test6 not compatible for ip assignment
                50 | pinned with service label and incompatible namespace | testns-not-exist/s1 | ips=1.2.8.10 labels=foo:bar | error pool test6 not compatible for ip assignment
                """).tests();
    }

    /**
     * TestPoolAllocation's pools (allocator_test.go 705-760) without their overlap: in the reference test-v4, test-v6
     * and test-dualstack repeat test's blocks, which MetalLB's webhook refuses (and which makes the recorded pool
     * random); here they hold copies of the same shape elsewhere, and rows 59-62 name those addresses.
     */
    static final String POOL_ALLOCATION_POOLS = pool("not_this_one", "192.168.0.0/16, fc00::1:0/112", "")
            + pool("test", "1.2.3.4/31, 1.2.3.10/31, 1000::/127, 2000::/127", "")
            + pool("test2", "10.20.30.0/24, fc00::2:0/120", "")
            + pool("test-v4", "1.2.13.4/31, 1.2.13.10/31", "")
            + pool("test-v6", "1001::/127, 2001::/127", "")
            + pool("test-dualstack", "1.2.23.4/31, 1.2.23.10/31, 1002::/127, 2002::/127", "");

    /**
     * TestPoolAllocation (allocator_test.go 703-1269), 61 of its 62 steps and the unknown-pool check: each Service asks
     * for pool test with {@code metallb.io/address-pool}. A failed call leaves nothing in the allocator, where a
     * cluster's controller would retry the pending Service as soon as an address is freed (and give s6 the address row 10
     * frees, before row 11's s5 asks for it): failing rows withdraw their Service. Row 33 (a Service holding an IPv4
     * address asks for an IPv6 one: {@code IP for wrong family assigned}) is not ported: a Service's cluster-IP family
     * does not change, and the controller clears a wrong-family status silently instead (controller case C25). Row 62
     * is the controller's outcome: s3 now names another pool, so what it holds is cleared (controller/service.go
     * 134-142) and test-dualstack gives it both families; the allocator alone keeps [1000::1].
     */
    @TestFactory
    List<DynamicTest> testPoolAllocation() {
        return new AllocatorSteps("TestPoolAllocation", POOL_ALLOCATION_POOLS, """
                1  | s1 gets an IPv4                   | s1 | ipv4 pool=test | 1.2.3.4
                2  | s2 gets an IPv4                   | s2 | ipv4 pool=test | 1.2.3.5
                3  | s3 gets an IPv4                   | s3 | ipv4 pool=test | 1.2.3.10
                4  | s4 gets an IPv4                   | s4 | ipv4 pool=test | 1.2.3.11
                5  | s5 can't get an IPv4              | s5 | ipv4 pool=test withdraw | error ["<nil>"] is not allowed in config
                6  | s6 can't get an IPv4              | s6 | ipv4 pool=test withdraw | error ["<nil>"] is not allowed in config
                7  | s1 releases its IPv4              | s1 | delete | -
                8  | s5 can now grab s1's former IPv4  | s5 | ipv4 pool=test | 1.2.3.4
                9  | s6 still can't get an IPv4        | s6 | ipv4 pool=test withdraw | error ["<nil>"] is not allowed in config
                10 | s5 unassigns in prep for enabling IPv4 sharing | s5 | delete | -
                11 | s5 enables IPv4 sharing           | s5 | ipv4 pool=test ports=TCP/80 key=share | 1.2.3.4
                12 | s6 can get an IPv4 now, with sharing | s6 | ipv4 pool=test ports=TCP/443 key=share | 1.2.3.4
                13 | s1 clear old ipv4 address         | s1 | delete | -
                14 | s2 clear old ipv4 address         | s2 | delete | -
                15 | s3 clear old ipv4 address         | s3 | delete | -
                16 | s4 clear old ipv4 address         | s4 | delete | -
                17 | s5 clear old ipv4 address         | s5 | delete | -
                18 | s6 clear old ipv4 address         | s6 | delete | -
                19 | s1 gets an IP6                    | s1 | ipv6 pool=test | 1000::
                20 | s2 gets an IP6                    | s2 | ipv6 pool=test | 1000::1
                21 | s3 gets an IP6                    | s3 | ipv6 pool=test | 2000::
                22 | s4 gets an IP6                    | s4 | ipv6 pool=test | 2000::1
                23 | s5 can't get an IP6               | s5 | ipv6 pool=test withdraw | error ["<nil>"] is not allowed in config
                24 | s6 can't get an IP6               | s6 | ipv6 pool=test withdraw | error ["<nil>"] is not allowed in config
                25 | s1 releases its IP6               | s1 | delete | -
                26 | s5 can now grab s1's former IP6   | s5 | ipv6 pool=test | 1000::
                27 | s6 still can't get an IP6         | s6 | ipv6 pool=test withdraw | error ["<nil>"] is not allowed in config
                28 | s5 unassigns in prep for enabling IP6 sharing | s5 | delete | -
                29 | s5 enables IP6 sharing            | s5 | ipv6 pool=test ports=TCP/80 key=share | 1000::
                30 | s6 can get an IP6 now, with sharing | s6 | ipv6 pool=test ports=TCP/443 key=share | 1000::
                31 | s1 clear                          | s1 | delete | -
                32 | s1 get an IPv4                    | s1 | ipv4 pool=test | 1.2.3.4
                34 | s1 clear old ipv6 address         | s1 | delete | -
                35 | s2 clear old ipv6 address         | s2 | delete | -
                36 | s3 clear old ipv6 address         | s3 | delete | -
                37 | s4 clear old ipv6 address         | s4 | delete | -
                38 | s5 clear old ipv6 address         | s5 | delete | -
                39 | s6 clear old ipv6 address         | s6 | delete | -
                40 | s1 gets dual-stack IPs            | s1 | dual pool=test | 1.2.3.4,1000::
                41 | s2 gets dual-stack IPs            | s2 | dual pool=test | 1.2.3.5,1000::1
                42 | s3 gets dual-stack IPs            | s3 | dual pool=test | 1.2.3.10,2000::
                43 | s4 gets dual-stack IPs            | s4 | dual pool=test | 1.2.3.11,2000::1
                44 | s5 can't get dual-stack IPs       | s5 | dual pool=test withdraw | error no available IPs in pool test
                45 | s6 can't get dual-stack IPs       | s6 | dual pool=test withdraw | error no available IPs in pool test
                46 | s1 releases its dual-stack IPs    | s1 | delete | -
                47 | s5 can now grab s1's former dual-stack IPs | s5 | dual pool=test | 1.2.3.4,1000::
                48 | s6 still can't get dual-stack IPs | s6 | dual pool=test withdraw | error no available IPs in pool test
                49 | s5 unassigns in prep for enabling dual-stack IPs sharing | s5 | delete | -
                50 | s5 enables dual-stack IP sharing  | s5 | dual pool=test ports=TCP/80 key=share | 1.2.3.4,1000::
                51 | s6 can get an dual-stack IPs now, with sharing | s6 | dual pool=test ports=TCP/443 key=share | 1.2.3.4,1000::
                52 | s1 clear old dual-stack address   | s1 | delete | -
                53 | s2 clear old dual-stack address   | s2 | delete | -
                54 | s3 clear old dual-stack address   | s3 | delete | -
                55 | s4 clear old ipv6 address         | s4 | delete | -
                56 | s5 clear old dual-stack address   | s5 | delete | -
                57 | s6 clear old dual-stack address   | s6 | delete | -
                58 | s1 gets dual-stack IPs            | s1 | prefer-dual pool=test | 1.2.3.4,1000::
                59 | s2 gets ipv4 IP                   | s2 | ipv4 pool=test-v4 | 1.2.13.4
                60 | s3 gets ipv6 IP                   | s3 | ipv6 pool=test-v6 | 1001::
                61 | s2 clear old ipv4 address         | s2 | delete | -
                62 | s3 gets dualstack (controller: cleared, then both families) | s3 | prefer-dual pool=test-dualstack | 1.2.23.4,1002::
                63 | unknown pool                      | s5 | ipv4 pool=nonexistentpool | error unknown pool "nonexistentpool"
                """).tests();
    }

    /**
     * TestAllocation (allocator_test.go 1271-1644), all 42 steps: no request, two equally eligible pools. MetalLB
     * draws the pool order from a Go map on every call (allocator.go 383-391), so a row accepts the lowest free address
     * of either pool; the check rows hold that the Services together take each address once, and that sharing gives
     * the second Service the first one's address. Pooldesk tries the pools by name and says so.
     */
    @TestFactory
    List<DynamicTest> testAllocation() {
        return new AllocatorSteps("TestAllocation", pool("test1", "1.2.3.4/31, 1000::4/127", "")
                + pool("test2", "1.2.3.10/31, 1000::10/127", ""), """
                1  | s1 gets an IPv4               | s1 | ipv4 | one of 1.2.3.4 | 1.2.3.10 ; warns MetalLB tries pools test1, test2 in random (Go map) order; Pooldesk tries them by name
                2  | s2 gets an IPv4               | s2 | ipv4 | one of 1.2.3.4 | 1.2.3.5 | 1.2.3.10 | 1.2.3.11
                3  | s3 gets an IPv4               | s3 | ipv4 | one of 1.2.3.4 | 1.2.3.5 | 1.2.3.10 | 1.2.3.11
                4  | s4 gets an IPv4               | s4 | ipv4 | one of 1.2.3.4 | 1.2.3.5 | 1.2.3.10 | 1.2.3.11
                4  | s1 to s4 hold one address each | s1 s2 s3 s4 | check | hold 1.2.3.4 1.2.3.5 1.2.3.10 1.2.3.11
                5  | s5 can't get an IPv4          | s5 | ipv4 withdraw | error no available IPs
                6  | s6 can't get an IPv4          | s6 | ipv4 withdraw | error no available IPs
                7  | s1 gives up its IPv4          | s1 | delete | -
                8  | s5 can now get an IPv4        | s5 | ipv4 ports=TCP/80 key=share | one of 1.2.3.4 | 1.2.3.5 | 1.2.3.10 | 1.2.3.11
                8  | s2 to s5 hold one address each | s2 s3 s4 s5 | check | hold 1.2.3.4 1.2.3.5 1.2.3.10 1.2.3.11
                9  | s6 still can't get an IPv4    | s6 | ipv4 withdraw | error no available IPs
                10 | s6 can get an IPv4 with sharing | s6 | ipv4 ports=TCP/443 key=share | same as s5
                11 | s1 clear old ipv4 address     | s1 | delete | -
                12 | s2 clear old ipv4 address     | s2 | delete | -
                13 | s3 clear old ipv4 address     | s3 | delete | -
                14 | s4 clear old ipv4 address     | s4 | delete | -
                15 | s5 clear old ipv4 address     | s5 | delete | -
                16 | s6 clear old ipv4 address     | s6 | delete | -
                17 | s1 gets an IPv6               | s1 | ipv6 | one of 1000::4 | 1000::10
                18 | s2 gets an IPv6               | s2 | ipv6 | one of 1000::4 | 1000::5 | 1000::10 | 1000::11
                19 | s3 gets an IPv6               | s3 | ipv6 | one of 1000::4 | 1000::5 | 1000::10 | 1000::11
                20 | s4 gets an IPv6               | s4 | ipv6 | one of 1000::4 | 1000::5 | 1000::10 | 1000::11
                20 | s1 to s4 hold one address each | s1 s2 s3 s4 | check | hold 1000::4 1000::5 1000::10 1000::11
                21 | s5 can't get an IPv6          | s5 | ipv6 withdraw | error no available IPs
                22 | s6 can't get an IPv6          | s6 | ipv6 withdraw | error no available IPs
                23 | s1 gives up its IPv6          | s1 | delete | -
                24 | s5 can now get an IPv6        | s5 | ipv6 ports=TCP/80 key=share | one of 1000::4 | 1000::5 | 1000::10 | 1000::11
                25 | s6 still can't get an IPv6    | s6 | ipv6 withdraw | error no available IPs
                26 | s6 can get an IPv6 with sharing | s6 | ipv6 ports=TCP/443 key=share | same as s5
                27 | s1 clear old ipv6 address     | s1 | delete | -
                28 | s2 clear old ipv6 address     | s2 | delete | -
                29 | s3 clear old ipv6 address     | s3 | delete | -
                30 | s4 clear old ipv6 address     | s4 | delete | -
                31 | s5 clear old ipv6 address     | s5 | delete | -
                32 | s6 clear old ipv6 address     | s6 | delete | -
                33 | s1 gets dual-stack IPs        | s1 | dual | one of 1.2.3.4,1000::4 | 1.2.3.10,1000::10
                34 | s2 gets dual-stack IPs        | s2 | dual | one of 1.2.3.4,1000::4 | 1.2.3.5,1000::5 | 1.2.3.10,1000::10 | 1.2.3.11,1000::11
                35 | s3 gets dual-stack IPs        | s3 | dual | one of 1.2.3.4,1000::4 | 1.2.3.5,1000::5 | 1.2.3.10,1000::10 | 1.2.3.11,1000::11
                36 | s4 gets dual-stack IPs        | s4 | dual | one of 1.2.3.4,1000::4 | 1.2.3.5,1000::5 | 1.2.3.10,1000::10 | 1.2.3.11,1000::11
                36 | s1 to s4 hold one pair each   | s1 s2 s3 s4 | check | hold 1.2.3.4,1000::4 1.2.3.5,1000::5 1.2.3.10,1000::10 1.2.3.11,1000::11
                37 | s5 can't get dual-stack IPs   | s5 | dual withdraw | error no available IPs
                38 | s6 can't get dual-stack IPs   | s6 | dual withdraw | error no available IPs
                39 | s1 gives up its IPs           | s1 | delete | -
                40 | s5 can now get dual-stack IPs | s5 | dual ports=TCP/80 key=share | one of 1.2.3.4,1000::4 | 1.2.3.5,1000::5 | 1.2.3.10,1000::10 | 1.2.3.11,1000::11
                41 | s6 still can't get dual-stack IPs | s6 | dual withdraw | error no available IPs
                42 | s6 can get dual-stack IPs with sharing | s6 | dual ports=TCP/443 key=share | same as s5
                """).tests();
    }

    /**
     * TestBuggyIPs (allocator_test.go 1646-1717), 7 steps: avoidBuggyIPs pools never hand out x.x.x.0 or x.x.x.255,
     * the others do; the pool order is random, so the six Services together take the six addresses.
     */
    @TestFactory
    List<DynamicTest> testBuggyIps() {
        return new AllocatorSteps("TestBuggyIPs", pool("test", "1.2.3.0/31", "") + pool("test2", "1.2.3.254/31", "")
                + pool("test3", "1.2.4.0/31", "avoidBuggyIPs: true") + pool("test4", "1.2.4.254/31", "avoidBuggyIPs: true"),
                """
                1 | s1 gets an address | s1 | ipv4 | one of 1.2.3.0 | 1.2.3.1 | 1.2.3.254 | 1.2.3.255 | 1.2.4.1 | 1.2.4.254
                2 | s2 gets an address | s2 | ipv4 | one of 1.2.3.0 | 1.2.3.1 | 1.2.3.254 | 1.2.3.255 | 1.2.4.1 | 1.2.4.254
                3 | s3 gets an address | s3 | ipv4 | one of 1.2.3.0 | 1.2.3.1 | 1.2.3.254 | 1.2.3.255 | 1.2.4.1 | 1.2.4.254
                4 | s4 gets an address | s4 | ipv4 | one of 1.2.3.0 | 1.2.3.1 | 1.2.3.254 | 1.2.3.255 | 1.2.4.1 | 1.2.4.254
                5 | s5 gets an address | s5 | ipv4 | one of 1.2.3.0 | 1.2.3.1 | 1.2.3.254 | 1.2.3.255 | 1.2.4.1 | 1.2.4.254
                6 | s6 gets an address | s6 | ipv4 | one of 1.2.3.0 | 1.2.3.1 | 1.2.3.254 | 1.2.3.255 | 1.2.4.1 | 1.2.4.254
                6 | together the six non-buggy addresses | s1 s2 s3 s4 s5 s6 | check | hold 1.2.3.0 1.2.3.1 1.2.3.254 1.2.3.255 1.2.4.1 1.2.4.254
                7 | s7 finds no address (1.2.4.0 and 1.2.4.255 are never handed out) | s7 | ipv4 | error no available IPs
                """).tests();
    }

    /**
     * TestAutoAssign (allocator_test.go 1863-2064), 19 of 21 steps: test1 has autoAssign false, so only test2 serves
     * Services that name no pool. Steps 17-18 are not ported: they re-ask a Service that holds an IPv6 address for dual
     * stack, a family change a Service cannot make (the allocator keeps the IPv6 address). Steps 19-21 are dual-stack
     * Services, which test2 (IPv6 exhausted) cannot serve.
     */
    @TestFactory
    List<DynamicTest> testAutoAssign() {
        return new AllocatorSteps("TestAutoAssign", pool("test1", "1.2.3.4/31, 1000::4/127", "autoAssign: false")
                + pool("test2", "1.2.3.10/31, 1000::10/127", ""), """
                1  | s1 gets an IPv4 from test2 | s1 | ipv4 | 1.2.3.10
                2  | s2 gets an IPv4 from test2 | s2 | ipv4 | 1.2.3.11
                3  | s3 gets none               | s3 | ipv4 withdraw | error no available IPs
                4  | s4 gets none               | s4 | ipv4 withdraw | error no available IPs
                5  | s5 gets none               | s5 | ipv4 withdraw | error no available IPs
                6  | unassign s1                | s1 | delete | -
                7  | unassign s2                | s2 | delete | -
                8  | unassign s3                | s3 | delete | -
                9  | unassign s4                | s4 | delete | -
                10 | unassign s5                | s5 | delete | -
                11 | unassign s6                | s6 | delete | -
                12 | s1 gets an IPv6 from test2 | s1 | ipv6 | 1000::10
                13 | s2 gets an IPv6 from test2 | s2 | ipv6 | 1000::11
                14 | s3 gets none               | s3 | ipv6 withdraw | error no available IPs
                15 | s4 gets none               | s4 | ipv6 withdraw | error no available IPs
                16 | s5 gets none               | s5 | ipv6 withdraw | error no available IPs
                19 | s3 dual stack gets none    | s3 | dual withdraw | error no available IPs
                20 | s4 dual stack gets none    | s4 | dual withdraw | error no available IPs
                21 | s5 dual stack gets none    | s5 | dual withdraw | error no available IPs
                """).tests();
    }

    /**
     * TestPoolMetrics (allocator_test.go 2138-2290), the 10 steps: a shared address counts once in the pool's use.
     * The trailing check (every pool deleted) is not ported: see docs/fidelity.md.
     */
    @TestFactory
    List<DynamicTest> testPoolMetrics() {
        return new AllocatorSteps("TestPoolMetrics", pool("test", "1.2.3.4/30, 1000::4/126", ""), """
                0  | nothing in use        | test | check | pool test used 0 available 8
                1  | assign s1             | s1 | ips=1.2.3.4 | 1.2.3.4
                1  | in use                | test | check | pool test used 1 available 7
                2  | assign s2             | s2 | ips=1.2.3.5 | 1.2.3.5
                2  | in use                | test | check | pool test used 2 available 6
                3  | unassign s1           | s1 | delete | -
                3  | in use                | test | check | pool test used 1 available 7
                4  | unassign s2           | s2 | delete | -
                4  | in use                | test | check | pool test used 0 available 8
                5  | assign s1 shared      | s1 | ips=1.2.3.4 key=key ports=TCP/80 | 1.2.3.4
                5  | in use                | test | check | pool test used 1 available 7
                6  | assign s2 shared      | s2 | ips=1.2.3.4 key=key ports=TCP/443 | 1.2.3.4
                6  | in use                | test | check | pool test used 1 available 7
                7  | assign s3 shared      | s3 | ips=1.2.3.4 key=key ports=TCP/23 | 1.2.3.4
                7  | in use                | test | check | pool test used 1 available 7
                8  | unassign s1 shared    | s1 | delete | -
                8  | in use                | test | check | pool test used 1 available 7
                9  | unassign s2 shared    | s2 | delete | -
                9  | in use                | test | check | pool test used 1 available 7
                10 | unassign s3 shared    | s3 | delete | -
                10 | in use                | test | check | pool test used 0 available 8
                11 | assign s1 again       | s1 | ips=1.2.3.4 | 1.2.3.4
                12 | every pool deleted    | pool/test | delete | deleted
                12 | its counters are gone | test | check | pool test gone
                12 | s1 holds nothing      | s1 | check | error ["1.2.3.4"] is not allowed in config
                """).tests();
    }

    /** TestConfigReload's start (allocator_test.go 1833-1850): s1 asks for 1.2.3.0, s2 for 1000::. */
    private static List<DynamicTest> reload(String name, String newTest, String s1, String s2) {
        return reloadSteps(name, "1 | the pool changes | pool/test | " + newTest + " | applied", s1, s2);
    }

    private static List<DynamicTest> reloadSteps(String name, String steps, String s1, String s2) {
        return new AllocatorSteps("TestConfigReload " + name, pool("test", "1.2.3.0/30, 1000::/126", "")
                + pool("testunused", "1.2.4.0/30, 1001::/126", ""), """
                0 | s1 asks for 1.2.3.0  | s1 | ips=1.2.3.0 | 1.2.3.0
                0 | s2 asks for 1000::   | s2 | ips=1000:: | 1000::
                %s
                8 | s1 afterwards        | s1 | check | %s
                9 | s2 afterwards        | s2 | check | %s
                """.formatted(steps.strip(), s1, s2)).tests();
    }

    /**
     * TestConfigReload (allocator_test.go 1719-1861), all 8 cases: an allocation survives a pool change when the pool
     * still contains it; otherwise it is unassigned, and through the controller the Service, which still asks for that
     * address, waits with the reference's error. Cases 6-8 set a new pool set at once, where SetPools moves an
     * allocation to the new pool that holds its addresses (allocator.go 107-120); a Scenario changes one pool a step,
     * and MetalLB's webhook refuses a new pool overlapping an old one, so here the old pools are deleted first (their
     * Services wait, asking for their addresses) and the new ones then serve them: the same end state.
     */
    @TestFactory
    List<DynamicTest> testConfigReload() {
        List<DynamicTest> all = new java.util.ArrayList<>();
        all.addAll(reload("set same config is no-op", "addresses=1.2.3.0/30,1000::/126", "from test", "from test"));
        all.addAll(reload("expand pool", "addresses=1.2.3.0/24,1000::/120", "from test", "from test"));
        all.addAll(reload("shrink pool", "addresses=1.2.3.0/30,1000::/126", "from test", "from test"));
        all.addAll(reload("can't shrink further", "addresses=1.2.3.2/31,1000::0/126",
                "error [\"1.2.3.0\"] is not allowed in config", "from test"));
        all.addAll(reload("can't shrink further ipv6", "addresses=1.2.3.0/30,1000::2/127", "from test",
                "error [\"1000::\"] is not allowed in config"));
        all.addAll(reloadSteps("rename the pool", """
                1 | test is deleted       | pool/test | delete | deleted
                1 | s1 waits for its IP   | s1 | check | error ["1.2.3.0"] is not allowed in config
                2 | testunused is deleted | pool/testunused | delete | deleted
                3 | test2 takes its place | pool/test2 | addresses=1.2.3.0/30,1000::0/126 | applied
                """, "from test2", "from test2"));
        all.addAll(reloadSteps("split pool", """
                1 | test keeps one half   | pool/test | addresses=1.2.3.0/31,1000::2/127 | applied
                2 | testunused is deleted | pool/testunused | delete | deleted
                3 | test2 has the rest    | pool/test2 | addresses=1.2.3.2/31,1000::/127 | applied
                """, "from test", "from test2"));
        all.addAll(reloadSteps("enable buggy IPs not allowed", """
                1 | test is deleted       | pool/test | delete | deleted
                2 | testunused is deleted | pool/testunused | delete | deleted
                3 | test2 avoids buggy IPs | pool/test2 | addresses=1.2.3.0/31,1000::/127 avoidBuggyIPs | applied
                """, "error [\"1.2.3.0\"] is not allowed in config", "from test2"));
        return all;
    }

    /**
     * TestControllerConfig (controller/controller_test.go 1152-1247): a Service waits while there is no pool, is
     * served 1.2.3.0 once one exists, and when every pool is deleted (accepted though an IP is allocated) it is cleared
     * and holds nothing. The reference's last step (the whole configuration gone) is not a Scenario step.
     */
    @TestFactory
    List<DynamicTest> testControllerConfig() {
        return new AllocatorSteps("TestControllerConfig", "", """
                1 | no configuration: nothing assigned | test | ipv4 | error no available IPs: no MetalLB pool serves default/test (no IPAddressPool in the input)
                2 | a pool with some IPs              | pool/default | addresses=1.2.3.0/24 | applied
                3 | the Service is served             | test | check | 1.2.3.0
                4 | the pool is deleted, accepted     | pool/default | delete | deleted
                5 | the Service is cleared            | test | check | error no available IPs: no MetalLB pool serves default/test (no IPAddressPool in the input)
                """).tests();
    }

    /**
     * TestControllerReassign (controller/controller_test.go 1322-1416): a second pool leaves the allocation alone;
     * deleting the pool that served the Service gives it an address from the second pool.
     */
    @TestFactory
    List<DynamicTest> testControllerReassign() {
        return new AllocatorSteps("TestControllerReassign", pool("default", "1.2.3.0/24, 1000::1/127", ""), """
                1 | the Service is served         | test | ipv4 | 1.2.3.0
                2 | a second pool                 | pool/second | addresses=4.5.6.0/24 | applied
                3 | the allocation does not change | test | check | 1.2.3.0
                4 | the default pool is deleted   | pool/default | delete | deleted
                5 | it gets an IP from second     | test | check | 4.5.6.0 ; warns current IP for "default/test" not allowed by config, will attempt for new IP assignment: ["1.2.3.0"] is not allowed in config
                """).tests();
    }

    /**
     * TestPoolCount (allocator_test.go 2066-2136), all 5 cases: a pool's capacity per family. Pooldesk's counts are
     * exact; MetalLB's counter stops at MaxInt64 once a block has 62 or more host bits (allocator.go 628-673), which
     * Pooldesk reports as MetalLB's number beside its own (case 4: IPv6 is 2^64, MetalLB says 9223372036854775807).
     */
    @ParameterizedTest(name = "TestPoolCount {0}")
    @CsvSource(delimiterString = "|", textBlock = """
            BGP /24                                  | 1.2.3.0/24                          | false | 256 | 0                    | 256
            BGP /24 and /25                          | 1.2.3.0/24, 2.3.4.128/25            | false | 384 | 0                    | 384
            BGP /24 and /25, no buggy IPs            | 1.2.3.0/24, 2.3.4.128/25            | true  | 381 | 0                    | 381
            BGP a BIG ipv6 range                     | 1.2.3.0/24, 2.3.4.128/25, 1000::/64 | true  | 381 | 18446744073709551616 | 9223372036854775807
            ipv4 and ipv6 range                      | 1.2.3.0/31, 1000::/127              | true  | 1   | 2                    | 3
            """)
    void testPoolCount(String name, String addresses, boolean avoidBuggyIps, String ipv4, String ipv6,
                       String referenceTotal) throws Exception {
        String yaml = pool("p", addresses, avoidBuggyIps ? "avoidBuggyIPs: true" : "");
        var manifest = io.pooldesk.model.manifest.ManifestReader.parse("pool.yaml", yaml).manifests().get(0);
        PoolBlocks blocks = PoolBlocks.of(MetalLbCodec.read(manifest));
        assertEquals(new BigInteger(ipv4), blocks.capacity(Family.IPV4), "IPv4");
        assertEquals(new BigInteger(ipv6), blocks.capacity(Family.IPV6), "IPv6");
        BigInteger reference = blocks.referenceCapacity(Family.IPV4).add(blocks.referenceCapacity(Family.IPV6))
                .min(BigInteger.valueOf(Long.MAX_VALUE));
        assertEquals(new BigInteger(referenceTotal), reference, "MetalLB's own total");
        var report = io.pooldesk.model.simulation.Simulations.simulate(yaml);
        assertEquals(new BigInteger(ipv4).add(new BigInteger(ipv6)),
                io.pooldesk.model.simulation.Simulations.pool(report, "p").total(), "the report's exact total");
        assertEquals(!reference.equals(blocks.capacity()), report.warnings().stream()
                .anyMatch(w -> w.contains("saturates at 9223372036854775807")), report.warnings().toString());
    }

    /**
     * A pool change that keeps a Service's address but no longer admits the Service (code reading: SetPools keeps the
     * allocation, allocator.go 87-129, then the reprocessed Service's Assign fails isPoolCompatibleWithService,
     * controller/service.go 120-132): the Service is cleared and assigned again, here from the pool left to it.
     */
    @TestFactory
    List<DynamicTest> aPoolThatNoLongerAdmitsAServiceClearsIt() {
        return new AllocatorSteps("pool change", pool("pinned", "10.1.0.0/30", "serviceAllocation: {namespaces: [a]}")
                + pool("open", "10.2.0.0/30", ""), """
                1 | a/s1 is pinned                        | a/s1 | ipv4 | 10.1.0.0
                2 | the pool now serves namespace b only  | pool/pinned | addresses=10.1.0.0/30 | applied
                3 | a/s1 is cleared and served elsewhere  | a/s1 | check | from open ; warns current IP for "a/s1" not allowed by config, will attempt for new IP assignment: pool pinned not compatible for ip assignment
                """.replace("addresses=10.1.0.0/30", "addresses=10.1.0.0/30 namespaces=b")).tests();
    }
}
