#!/usr/bin/env bash
# Takes the screenshots in docs/ from the real window under Xvfb, on a copy of the demo workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/packages.sh
install_window_packages
[ -f app/target/pooldesk.jar ] || mvn -B -q -DskipTests install
workspace=$(mktemp -d)
cp resources/demo-workspace/*.yaml "$workspace"/
# two nodes whose addresses clash with demo pools, for the Conflicts page's screenshot
cp resources/screenshots/nodes.yaml "$workspace"/zz-screenshot-conflicts.yaml
mkdir -p docs
xvfb-run -a -s "-screen 0 1440x900x24" \
  java -Dpooldesk.workspace="$workspace" -Dpooldesk.screenshots=docs -jar app/target/pooldesk.jar
rm -rf "$workspace"
# the window on a live cluster workspace: fabric8's mock API server (loopback, CRUD) holding the same objects,
# opened with --context as an operator opens a cluster; the kubeconfig and the window's settings stay in a scratch folder
[ -f cluster/target/test-classes/io/pooldesk/cluster/testing/DemoCluster.class ] \
  || mvn -B -q -pl model,cluster test-compile
cluster=$(mktemp -d)
mvn -B -q -pl cluster dependency:build-classpath -Dmdep.outputFile="$cluster/classpath" -Dmdep.includeScope=test
java -cp "model/target/classes:cluster/target/classes:cluster/target/test-classes:$(cat "$cluster/classpath")" \
  io.pooldesk.cluster.testing.DemoCluster "$cluster/kubeconfig" resources/demo-workspace/*.yaml \
  resources/screenshots/nodes.yaml > "$cluster/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do [ -s "$cluster/kubeconfig" ] && break; sleep 0.5; done
KUBECONFIG="$cluster/kubeconfig" XDG_CONFIG_HOME="$cluster/config" XDG_STATE_HOME="$cluster/state" \
  xvfb-run -a -s "-screen 0 1440x900x24" java -Dpooldesk.screenshots=docs -Dpooldesk.screenshots.live=true \
  -jar app/target/pooldesk.jar --context demo-cluster
kill "$server"
rm -rf "$cluster"
# the Fleet page: two mock API servers (the demo's Harvester pools and load balancers; its MetalLB IPv6 pool) and a
# context whose server is not there, side by side
fleet=$(mktemp -d)
mvn -B -q -pl cluster dependency:build-classpath -Dmdep.outputFile="$fleet/classpath" -Dmdep.includeScope=test
demo_cluster() {
  java -Dpooldesk.demo.context="$1" \
    -cp "model/target/classes:cluster/target/classes:cluster/target/test-classes:$(cat "$fleet/classpath")" \
    io.pooldesk.cluster.testing.DemoCluster "$fleet/$1.kubeconfig" "${@:2}" > "$fleet/$1.log" 2>&1 &
}
demo_cluster harvester-east resources/demo-workspace/pools.yaml resources/demo-workspace/load-balancers.yaml
east=$!
demo_cluster metallb-edge resources/demo-workspace/edge-v6.yaml
edge=$!
cat > "$fleet/offline.kubeconfig" <<'KUBECONFIG'
apiVersion: v1
kind: Config
clusters: [{name: lab-offline, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: lab-offline, user: {token: demo}}]
contexts: [{name: lab-offline, context: {cluster: lab-offline, user: lab-offline}}]
KUBECONFIG
for _ in $(seq 1 120); do
  [ -s "$fleet/harvester-east.kubeconfig" ] && [ -s "$fleet/metallb-edge.kubeconfig" ] && break; sleep 0.5
done
KUBECONFIG="$fleet/harvester-east.kubeconfig:$fleet/metallb-edge.kubeconfig:$fleet/offline.kubeconfig" \
  XDG_CONFIG_HOME="$fleet/config" XDG_STATE_HOME="$fleet/state" XDG_DATA_HOME="$fleet/data" \
  xvfb-run -a -s "-screen 0 1440x900x24" java -Dpooldesk.screenshots=docs \
  -Dpooldesk.screenshots.fleet=harvester-east,metallb-edge,lab-offline \
  -Dpooldesk.screenshots.fleet.search=10.10.0.12 -jar app/target/pooldesk.jar
kill "$east" "$edge"
rm -rf "$fleet"
ls -l docs/*.png
