#!/usr/bin/env bash
# A real Kubernetes API server for Pooldesk's cluster tests: etcd and kube-apiserver built from their Go modules
# (testing/kube/), started on 127.0.0.1 with generated certificates, a token file (an admin and a restricted user),
# RBAC on, and the reference CRDs (testing/kube/crds/) installed.
#
#   scripts/kube-test-server.sh build          build the two binaries into the cache if they are not there
#   scripts/kube-test-server.sh start [DIR]    build if needed, start, print the kubeconfigs; state in DIR
#   scripts/kube-test-server.sh stop [DIR]     stop what start started in DIR and remove DIR
#   scripts/kube-test-server.sh paths          print where the two binaries are cached
#
# DIR defaults to $POOLDESK_KUBE_DIR or /tmp/pooldesk-kube-$UID. start writes DIR/env, a shell file of the
# variables the tests read (POOLDESK_KUBE_DIR, POOLDESK_KUBE_URL, POOLDESK_KUBE_ADMIN_KUBECONFIG,
# POOLDESK_KUBE_RESTRICTED_KUBECONFIG, POOLDESK_KUBE_ETCD). The binaries are cached in
# ${POOLDESK_CACHE:-$HOME/.cache/pooldesk}/kube/<version>/, never in the repository.
set -euo pipefail

# Go from the official archive may not be on the PATH of a non-login shell
[ -x /usr/local/go/bin/go ] && ! command -v go >/dev/null && PATH="$PATH:/usr/local/go/bin"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${POOLDESK_CACHE:-$HOME/.cache/pooldesk}/kube"
KUBE_MODULE="$ROOT/testing/kube/apiserver"
ETCD_MODULE="$ROOT/testing/kube/etcd"

say() { echo "kube-test-server: $*" >&2; }
die() { say "$*"; exit 1; }

# the version a wrapper module requires, read from its go.mod
required() { awk -v m="$2" '/^[[:space:]]*\/\// { next } { for (i = 1; i < NF; i++) if ($i == m) { print $(i + 1); exit } }' "$1/go.mod"; }

KUBE_VERSION="$(required "$KUBE_MODULE" k8s.io/kubernetes)"
ETCD_VERSION="$(required "$ETCD_MODULE" go.etcd.io/etcd/server/v3)"
# the cache key carries a digest of go.mod and go.sum, so a changed module is rebuilt
digest() { cat "$1/go.mod" "$1/go.sum" | sha256sum | cut -c1-12; }
KUBE_APISERVER="$CACHE/kube-apiserver-$KUBE_VERSION-$(digest "$KUBE_MODULE")/kube-apiserver"
ETCD="$CACHE/etcd-$ETCD_VERSION-$(digest "$ETCD_MODULE")/etcd"

build_one() { # module, output, ldflags
    local module="$1" out="$2" ldflags="$3" started
    [ -x "$out" ] && return 0
    command -v go >/dev/null || die "Go is not installed: cannot build $(basename "$out") (install Go, see README)"
    mkdir -p "$(dirname "$out")"
    started=$(date +%s)
    say "building $(basename "$out") from $module (first time only; several minutes on 2 cores)"
    (cd "$module" && go build -trimpath -ldflags "$ldflags" -o "$out.tmp" .) || die "building $(basename "$out") failed"
    mv "$out.tmp" "$out"
    say "built $out in $(( $(date +%s) - started )) s"
}

build() {
    local minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
    # the release's own version, as its release build stamps it (kube-apiserver --version, discovery)
    build_one "$KUBE_MODULE" "$KUBE_APISERVER" "-s -w \
        -X k8s.io/component-base/version.gitVersion=$KUBE_VERSION \
        -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor \
        -X k8s.io/component-base/version.gitTreeState=clean"
    build_one "$ETCD_MODULE" "$ETCD" "-s -w"
}

# a port nothing listens on (bash's /dev/tcp connect fails)
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$(( 20000 + RANDOM % 30000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    die "no free port found on 127.0.0.1"
}

certificates() { # dir
    local d="$1"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=pooldesk-test-ca" \
        -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "$d/server.key" -out "$d/server.csr" \
        2>/dev/null
    # kube.pooldesk.test: a name only the proxy tests' proxy resolves (RealServerProxyTest)
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kube.pooldesk.test\nextendedKeyUsage=serverAuth\n' > "$d/server.ext"
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 30 \
        -extfile "$d/server.ext" -out "$d/server.crt" 2>/dev/null
    openssl genrsa -out "$d/sa.key" 2048 2>/dev/null
    openssl rsa -in "$d/sa.key" -pubout -out "$d/sa.pub" 2>/dev/null
}

kubeconfig() { # file, url, token, user
    cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: pooldesk-test
    cluster:
      server: $2
      certificate-authority-data: $(base64 -w0 < "$DIR/ca.crt")
users:
  - name: $4
    user:
      token: $3
contexts:
  - name: $4@pooldesk-test
    context: {cluster: pooldesk-test, user: $4}
current-context: $4@pooldesk-test
EOF
    chmod 600 "$1"
}

api() { # method, path, [file with a YAML body]; prints the HTTP code
    local args=(-sS -o "$DIR/last-response" -w '%{http_code}' --cacert "$DIR/ca.crt"
                -H "Authorization: Bearer $ADMIN_TOKEN" -X "$1" "$URL$2")
    [ $# -ge 3 ] && args+=(-H 'Content-Type: application/yaml' --data-binary "@$3")
    curl "${args[@]}" 2>/dev/null || echo 000
}

# posts every document of a multi-document YAML file
create_all() { # collection path, yaml file
    local part n=0 code
    rm -f "$DIR"/doc-*.yaml
    awk -v dir="$DIR" 'BEGIN { n = 0 } /^---/ { n++; next } { print > (dir "/doc-" n ".yaml") }' "$2"
    for part in "$DIR"/doc-*.yaml; do
        grep -q '^kind:' "$part" || continue
        code=$(api POST "$1" "$part")
        case "$code" in 201|409) n=$((n + 1)) ;; *) die "creating $(basename "$2") failed ($code): $(cat "$DIR/last-response")" ;; esac
    done
    rm -f "$DIR"/doc-*.yaml
}

wait_for() { # what, seconds, command...
    local what="$1" seconds="$2"; shift 2
    for _ in $(seq 1 $((seconds * 5))); do "$@" && return 0; sleep 0.2; done
    return 1
}

# ready, or gone (then waiting longer is pointless)
ready() {
    kill -0 "$(cat "$DIR/kube-apiserver.pid")" 2>/dev/null || return 0
    test "$(api GET /readyz)" = 200
}

stop() {
    local pid
    for name in kube-apiserver etcd; do
        [ -f "$DIR/$name.pid" ] || continue
        pid=$(cat "$DIR/$name.pid")
        if kill "$pid" 2>/dev/null; then
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$DIR/$name.pid"
    done
    case "$DIR" in /tmp/*|"${TMPDIR:-/tmp}"/*) rm -rf "$DIR" ;; *) rm -rf "$DIR/etcd-data" ;; esac
}

start() {
    build
    if [ -f "$DIR/kube-apiserver.pid" ] && kill -0 "$(cat "$DIR/kube-apiserver.pid")" 2>/dev/null; then
        say "already running in $DIR"; cat "$DIR/env"; return 0
    fi
    rm -rf "$DIR"; mkdir -p "$DIR"; chmod 700 "$DIR"
    certificates "$DIR"
    ADMIN_TOKEN=$(openssl rand -hex 24)
    local restricted_token; restricted_token=$(openssl rand -hex 24)
    # token,user,uid,"groups": the admin is in system:masters (everything); the restricted user in no group
    printf '%s,pooldesk-admin,1,"system:masters"\n%s,pooldesk-restricted,2\n' "$ADMIN_TOKEN" "$restricted_token" \
        > "$DIR/tokens.csv"
    local etcd_port etcd_peer_port api_port
    etcd_port=$(free_port); etcd_peer_port=$(free_port); api_port=$(free_port)
    ETCD_URL="http://127.0.0.1:$etcd_port"
    URL="https://127.0.0.1:$api_port"

    "$ETCD" --name pooldesk-test --data-dir "$DIR/etcd-data" \
        --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
        --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" \
        --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
        --initial-cluster "pooldesk-test=http://127.0.0.1:$etcd_peer_port" \
        --unsafe-no-fsync --quota-backend-bytes=1073741824 --log-level=warn > "$DIR/etcd.log" 2>&1 &
    echo $! > "$DIR/etcd.pid"
    wait_for etcd 30 curl -sf "$ETCD_URL/health" -o /dev/null \
        || { tail -20 "$DIR/etcd.log" >&2; stop; die "etcd did not start (log above)"; }

    # --endpoint-reconciler-type=none: the default one refuses a loopback address (there are no Services to route here);
# --min-request-timeout: the server ends every watch within 10-20 s, as it does within 30-60 min by default
    "$KUBE_APISERVER" --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$api_port" \
        --etcd-servers="$ETCD_URL" --tls-cert-file="$DIR/server.crt" --tls-private-key-file="$DIR/server.key" \
        --client-ca-file="$DIR/ca.crt" --token-auth-file="$DIR/tokens.csv" --authorization-mode=RBAC \
        --service-account-issuer=https://kubernetes.default.svc.cluster.local \
        --service-account-key-file="$DIR/sa.pub" --service-account-signing-key-file="$DIR/sa.key" \
        --service-cluster-ip-range=10.96.0.0/16 \
        --endpoint-reconciler-type=none --enable-priority-and-fairness=false --profiling=false \
        > "$DIR/kube-apiserver.log" 2>&1 &
    echo $! > "$DIR/kube-apiserver.pid"
    wait_for kube-apiserver 120 ready \
        && kill -0 "$(cat "$DIR/kube-apiserver.pid")" 2>/dev/null \
        || { tail -30 "$DIR/kube-apiserver.log" >&2; stop; die "kube-apiserver did not become ready (log above)"; }

    local crds="$ROOT/testing/kube/crds" file
    for file in "$crds"/*.yaml; do
        create_all /apis/apiextensions.k8s.io/v1/customresourcedefinitions "$file"
    done
    for group_version in loadbalancer.harvesterhci.io/v1beta1 network.harvesterhci.io/v1alpha1 metallb.io/v1beta1 \
            network.kubesphere.io/v1alpha2 novaedge.io/v1alpha1 k8s.cni.cncf.io/v1; do
        wait_for "$group_version" 60 test "$(api GET "/apis/$group_version")" = 200 \
            || { stop; die "the CRDs of $group_version were not served within 60 s"; }
    done
    # the restricted user gets what resources/rbac grants for diff and pull: read, never write
    create_all /apis/rbac.authorization.k8s.io/v1/clusterroles "$ROOT/resources/rbac/pooldesk-clusterrole.yaml"
    cat > "$DIR/binding.yaml" <<'EOF'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: pooldesk-restricted-read}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pooldesk-read}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: pooldesk-restricted}]
EOF
    create_all /apis/rbac.authorization.k8s.io/v1/clusterrolebindings "$DIR/binding.yaml"
    for namespace in metallb-system harvester-system; do
        printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: %s}\n' "$namespace" > "$DIR/ns.yaml"
        create_all /api/v1/namespaces "$DIR/ns.yaml"
    done

    kubeconfig "$DIR/admin.kubeconfig" "$URL" "$ADMIN_TOKEN" pooldesk-admin
    kubeconfig "$DIR/restricted.kubeconfig" "$URL" "$restricted_token" pooldesk-restricted
    cat > "$DIR/env" <<EOF
POOLDESK_KUBE_DIR=$DIR
POOLDESK_KUBE_URL=$URL
POOLDESK_KUBE_ADMIN_KUBECONFIG=$DIR/admin.kubeconfig
POOLDESK_KUBE_RESTRICTED_KUBECONFIG=$DIR/restricted.kubeconfig
POOLDESK_KUBE_ETCD=$ETCD_URL
EOF
    say "kube-apiserver $KUBE_VERSION at $URL (etcd $ETCD_VERSION at $ETCD_URL); logs in $DIR"
    say "admin kubeconfig: $DIR/admin.kubeconfig; restricted (read-only) kubeconfig: $DIR/restricted.kubeconfig"
    cat "$DIR/env"
}

command="${1:-}"
DIR="${2:-${POOLDESK_KUBE_DIR:-/tmp/pooldesk-kube-$(id -u)}}"
case "$command" in
    build) build ;;
    start) start ;;
    stop) stop ;;
    paths) echo "$KUBE_APISERVER"; echo "$ETCD" ;;
    *) echo "usage: $0 build|start|stop [DIR]|paths" >&2; exit 2 ;;
esac
