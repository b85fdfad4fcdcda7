#!/usr/bin/env bash
# Times `pooldesk validate` over N small pool files (default 10,000) and prints the figure; the time should grow in
# proportion to N (issue 14). Needs the jar: mvn -B -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
for ((i = 0; i < count; i++)); do
  printf 'apiVersion: loadbalancer.harvesterhci.io/v1beta1\nkind: IPPool\nmetadata:\n  name: pool-%05d\nspec:\n  ranges:\n    - subnet: 10.%d.%d.0/24\n  selector:\n    scope:\n      - namespace: ns-%d\n' \
    "$i" $((i / 256)) $((i % 256)) "$i" > "$folder/pool-$(printf %05d "$i").yaml"
done
start=$EPOCHREALTIME
java -jar app/target/pooldesk.jar validate "$folder" > /dev/null
end=$EPOCHREALTIME
awk -v n="$count" -v s="$start" -v e="$end" 'BEGIN { printf "validate: %d files in %.1f s\n", n, e - s }'
