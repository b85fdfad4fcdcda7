package io.pooldesk.model.metallb;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

import static io.pooldesk.model.metallb.AllocatorSteps.pool;

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
}
