#!/usr/bin/env python3
"""Writes resources/demo-workspace: the workspace Pooldesk opens on first start."""
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "resources" / "demo-workspace"
API = "loadbalancer.harvesterhci.io/v1beta1"

POOLS = f"""# Harvester load-balancer IP pools of a demo cluster. Edit them in Pooldesk, or here.
apiVersion: {API}
kind: IPPool
metadata:
  name: default-pool
spec:
  description: VM load balancers of the default namespace
  ranges:
    - subnet: 192.168.100.0/24
  selector:
    scope:
      - project: "*"
        namespace: default
        guestCluster: "*"
status:
  lastAllocated: 192.168.100.4
  allocatedHistory:
    192.168.100.2: default/old-api
    192.168.100.3: default/old-web
    192.168.100.4: default/retired-cache
---
apiVersion: {API}
kind: IPPool
metadata:
  name: prod-pool
spec:
  description: Production services, sized tight on purpose
  ranges:
    - subnet: 10.10.0.0/24
      rangeStart: 10.10.0.10
      rangeEnd: 10.10.0.35
  selector:
    scope:
      - project: "*"
        namespace: prod
        guestCluster: "*"
---
apiVersion: {API}
kind: IPPool
metadata:
  name: rke2-vlan100
spec:
  description: Guest cluster rke2-prod on VLAN 100
  ranges:
    - subnet: 172.16.100.0/24
      rangeStart: 172.16.100.50
      rangeEnd: 172.16.100.99
      gateway: 172.16.100.1
  selector:
    network: default/vlan100
    scope:
      - project: c-m-demo/p-apps
        namespace: rke2
        guestCluster: rke2-prod
---
apiVersion: {API}
kind: IPPool
metadata:
  name: team-a-legacy
spec:
  description: Team A before the migration (priority 0)
  ranges:
    - subnet: 192.168.50.0/24
      rangeStart: 192.168.50.10
      rangeEnd: 192.168.50.60
  selector:
    scope:
      - project: "*"
        namespace: team-a
        guestCluster: "*"
status:
  lastAllocated: 192.168.50.14
  allocated:
    192.168.50.10: team-a/api
    192.168.50.11: team-a/web
    192.168.50.12: team-a/worker
  allocatedHistory:
    192.168.50.13: team-a/batch
    192.168.50.14: team-a/report
---
apiVersion: {API}
kind: IPPool
metadata:
  name: team-a-v2
spec:
  description: "Team A after the migration: a higher priority takes new load balancers"
  ranges:
    - subnet: 192.168.51.0/24
      rangeStart: 192.168.51.10
      rangeEnd: 192.168.51.200
  selector:
    priority: 10
    scope:
      - project: "*"
        namespace: team-a
        guestCluster: "*"
---
apiVersion: {API}
kind: IPPool
metadata:
  name: global-pool
spec:
  description: Fallback for every namespace and network
  ranges:
    - subnet: 10.99.0.0/16
  selector:
    scope:
      - project: "*"
        namespace: "*"
        guestCluster: "*"
"""


def lb(name, namespace, annotations=None, workload="vm", pool=None, held=None):
    ann = {"loadbalancer.harvesterhci.io/namespace": namespace}
    ann.update(annotations or {})
    lines = [f"apiVersion: {API}", "kind: LoadBalancer", "metadata:", f"  name: {name}",
             f"  namespace: {namespace}", "  annotations:"]
    lines += [f"    {k}: {v}" for k, v in ann.items()]
    lines += ["spec:", "  ipam: pool", f"  workloadType: {workload}"]
    if pool:
        lines.append(f"  ipPool: {pool}")
    lines += ["  listeners:", "    - {name: http, port: 80, protocol: TCP, backendPort: 8080}"]
    if held:
        lines += ["status:", "  allocatedAddress:", f"    ipPool: {held[0]}", f"    ip: {held[1]}"]
    return "\n".join(lines) + "\n"


docs = []
for i in range(1, 13):
    docs.append(lb(f"web-{i}", "default"))
for i in range(1, 25):
    docs.append(lb(f"svc-{i}", "prod"))
rke2 = {"loadbalancer.harvesterhci.io/network": "default/vlan100",
        "loadbalancer.harvesterhci.io/project": "c-m-demo/p-apps",
        "loadbalancer.harvesterhci.io/cluster": "rke2-prod"}
for i in range(1, 9):
    docs.append(lb(f"ingress-{i}", "rke2", rke2, workload="cluster"))
# created before the migration: they keep their addresses in team-a-legacy
for offset, name in enumerate(["api", "web", "worker"]):
    docs.append(lb(name, "team-a", held=("team-a-legacy", f"192.168.50.{10 + offset}")))
# created after it: the higher-priority pool serves them
for name in ["search", "queue"]:
    docs.append(lb(name, "team-a"))
for i in range(1, 8):
    docs.append(lb(f"preview-{i}", "staging"))
docs.append(lb("legacy-dns", "default", pool="retired-pool"))

OUT.mkdir(parents=True, exist_ok=True)
(OUT / "pools.yaml").write_text(POOLS)
(OUT / "load-balancers.yaml").write_text(
    "# Load balancers of the demo cluster: Pooldesk shows which pool serves each, and why one waits.\n"
    + "---\n".join(docs))
print(f"wrote {len(docs)} load balancers to {OUT}")

# An IPv6 /64 handed out by MetalLB: the map draws it as a Hilbert layout.
EDGE_POOL = """# An IPv6 /64 handed out by MetalLB, beside the Harvester pools: the map draws it as a Hilbert layout.
apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: edge-v6
  namespace: metallb-system
spec:
  addresses:
    - fd00:10:20:30::/64
  autoAssign: false
"""


def edge_service(name):
    return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: edge
  annotations:
    metallb.io/address-pool: edge-v6
spec:
  type: LoadBalancer
  ipFamilyPolicy: SingleStack
  ipFamilies: [IPv6]
  ports:
    - {{name: https, protocol: TCP, port: 443, targetPort: 8443}}
  selector: {{app: {name}}}
"""


EDGE = ["ingress", "grafana", "loki", "tempo", "mimir", "argocd", "vault", "keycloak", "harbor", "gitea", "minio",
        "nats"]
(OUT / "edge-v6.yaml").write_text("---\n".join([EDGE_POOL] + [edge_service(n) for n in EDGE]))
print(f"wrote {len(EDGE)} IPv6 services to {OUT}")
