#!/usr/bin/env bash
# Times `assess cohort` against `assess score --input` over the same assessments, alternating, in one run, with peak
# working set (GNU time's maximum resident set size). Both write to /dev/null, so neither pays for a disk. This machine
# is noisy: read the medians and the ratio of medians. Usage: run.sh DIR [ROUNDS] (DIR made by generate.py). Needs a
# Release build of the CLI.
set -euo pipefail
dir=$1
rounds=${2:-5}
assess="dotnet $(dirname "$0")/../../samples/Assessments.Cli/bin/Release/net10.0/assess.dll"
echo "assessments: $(wc -l < "$dir/responses.ndjson"), courses: $(wc -l < "$dir/courses.ndjson")"
for round in $(seq "$rounds"); do
  /usr/bin/time -f "score %e %M" $assess score --input "$dir/responses.ndjson" 2>&1 >/dev/null | grep '^score ' || true
  /usr/bin/time -f "cohort %e %M" $assess cohort "$dir/courses.ndjson" --format json 2>&1 >/dev/null | grep '^cohort ' || true
done | python3 -c '
import statistics, sys
runs = {}
for line in sys.stdin:
    name, seconds, kb = line.split()
    runs.setdefault(name, []).append((float(seconds), int(kb)))
for name, values in runs.items():
    times = sorted(t for t, _ in values)
    print(f"{name:6} median {statistics.median(times):.2f} s (min {times[0]:.2f}, max {times[-1]:.2f}), peak {max(k for _, k in values) // 1024} MB")
ratio = statistics.median(t for t, _ in runs["cohort"]) / statistics.median(t for t, _ in runs["score"])
print(f"cohort / score (medians): {ratio:.2f}")
'
