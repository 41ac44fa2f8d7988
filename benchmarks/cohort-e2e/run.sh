#!/usr/bin/env bash
# Times `assess cohort` against `assess score --input` over the same assessments, in one run, with peak working set
# (GNU time's maximum resident set size). Usage: run.sh DIR (made by generate.py). Needs a Release build of the CLI.
set -euo pipefail
dir=$1
assess="dotnet $(dirname "$0")/../../samples/Assessments.Cli/bin/Release/net10.0/assess.dll"
echo "assessments: $(wc -l < "$dir/responses.ndjson"), courses: $(wc -l < "$dir/courses.ndjson")"
for round in 1 2; do
  /usr/bin/time -f "score  round $round: %e s wall, %M KB peak" $assess score --input "$dir/responses.ndjson" > /dev/null 2> >(grep -v '^\(Reading\|scored\)' >&2) || true
  /usr/bin/time -f "cohort round $round: %e s wall, %M KB peak" $assess cohort "$dir/courses.ndjson" --format json --output "$dir/cohort.json" > /dev/null || true
done
