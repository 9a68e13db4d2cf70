#!/usr/bin/env bash
# Whole-command timings: `pick-stack advise --answers FILE` and
# `pick-stack matrix` on the embedded criteria, beside a trivial Rust binary
# that prints one line (bench/floor.rs, built in the same release profile)
# as the floor, each printed as a ratio to the floor's median wall time.
#
#   bash bench/run.sh          # the three commands (hyperfine)
#   bash bench/run.sh large    # also a 10,000 x 50 criteria file, YAML and
#                              # JSON, under /usr/bin/time (wall, peak RSS)
#
# Needs cargo, hyperfine (1.13 or later, for -N), and python3 or jq; the
# large run needs GNU time at /usr/bin/time. It measures and does not
# judge: it exits 0 whatever the ratios, printing PASS or MISS against the
# 1.5x target. Environment: WARMUP (default 50), MIN_RUNS (default 300).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

warmup=${WARMUP:-50}
min_runs=${MIN_RUNS:-300}
target=1.5

for tool in cargo hyperfine; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is not installed" >&2; exit 2; }
done
if command -v python3 >/dev/null; then
    json_tool=python3
elif command -v jq >/dev/null; then
    json_tool=jq
else
    echo "bench/run.sh: needs python3 or jq to read hyperfine's JSON" >&2
    exit 2
fi

# Other work on the machine inflates every median, the floor's most of all
# in relative terms: note how busy it was.
echo "== $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== building (release profile)"
cargo build --release --quiet
cargo build --release --quiet --example floor

bin=target/release/pick-stack
floor=target/release/examples/floor
answers=examples/ml-pipeline.yaml

# Each command must succeed before it is timed (hyperfine would stop on a
# failure anyway, but less clearly).
"$floor" >/dev/null
"$bin" advise --answers "$answers" >/dev/null
"$bin" matrix >/dev/null

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
export_json="$workdir/hyperfine.json"

echo
echo "== hyperfine -N --warmup $warmup --min-runs $min_runs"
hyperfine -N --warmup "$warmup" --min-runs "$min_runs" --export-json "$export_json" \
    --command-name floor "$floor" \
    --command-name advise "$bin advise --answers $answers" \
    --command-name matrix "$bin matrix"

# name, median, mean, stddev, min, max (seconds), one command per line.
if [ "$json_tool" = python3 ]; then
    rows=$(python3 - "$export_json" <<'EOF'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print(result["command"], *(result[key] for key in ("median", "mean", "stddev", "min", "max")))
EOF
)
else
    rows=$(jq -r '.results[] | [.command, .median, .mean, .stddev, .min, .max] | map(tostring) | join(" ")' "$export_json")
fi

floor_median=$(awk '$1 == "floor" { print $2 }' <<<"$rows")

echo
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== medians as ratios to the floor (target: at most ${target}x)"
awk -v floor="$floor_median" -v target="$target" '
BEGIN {
    printf "%-8s %12s %12s %12s %8s  %s\n", "command", "median ms", "mean ms", "stddev ms", "ratio", "verdict"
}
{
    ratio = $2 / floor
    verdict = ""
    if ($1 != "floor") verdict = (ratio <= target) ? "PASS" : "MISS"
    printf "%-8s %12.3f %12.3f %12.3f %7.2fx  %s\n", $1, $2 * 1e3, $3 * 1e3, $4 * 1e3, ratio, verdict
}' <<<"$rows"

echo
echo "== release binary sizes"
for file in "$bin" "$floor"; do
    printf "%-32s %10d bytes (%.2f MiB)\n" "$file" "$(stat -c %s "$file")" \
        "$(awk -v bytes="$(stat -c %s "$file")" 'BEGIN { print bytes / 1048576 }')"
done

if [ "${1:-}" = large ]; then
    if [ ! -x /usr/bin/time ]; then
        echo "bench/run.sh: the large run needs GNU time at /usr/bin/time" >&2
        exit 2
    fi
    echo
    echo "== 10,000 criteria x 50 alternatives: advise --format json (wall s, peak RSS)"
    cargo build --release --quiet --example generate-criteria
    generate=target/release/examples/generate-criteria
    "$generate" 10000 50 >"$workdir/big.yaml"
    "$generate" 10000 50 json >"$workdir/big.json"
    "$generate" answers 1 >"$workdir/ans.yaml"
    for format in yaml json; do
        file="$workdir/big.$format"
        size=$(stat -c %s "$file")
        for run in 1 2 3 4 5; do
            /usr/bin/time -f '%e %M' -o "$workdir/time.$run" \
                "$bin" --criteria "$file" advise --answers "$workdir/ans.yaml" --format json >/dev/null
        done
        # The median of five runs, wall time and peak RSS separately.
        wall=$(cat "$workdir"/time.* | awk '{ print $1 }' | sort -n | sed -n 3p)
        rss_kb=$(cat "$workdir"/time.* | awk '{ print $2 }' | sort -n | sed -n 3p)
        awk -v format="$format" -v size="$size" -v wall="$wall" -v rss="$rss_kb" 'BEGIN {
            printf "%-5s file %6.2f MiB  wall %6.3f s  peak RSS %7.1f MiB  RSS/file %5.2fx\n",
                format, size / 1048576, wall, rss / 1024, rss * 1024 / size
        }'
    done
fi
exit 0
