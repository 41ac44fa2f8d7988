#!/usr/bin/env python3
"""End-to-end cohort measurement (issue 18): N synthetic MADRS courses of 15 item-level assessments each (a pre-dose
baseline, a visit the day after each of six infusions, eight weekly follow-ups), written twice: as course documents (courses.ndjson, for
`assess cohort`) and as the same assessments as response documents (responses.ndjson, for `assess score --input`).
Deterministic (seed 18). Run: python3 generate.py 100000 /tmp/e2e   (then run.sh /tmp/e2e)."""
import json, os, random, sys
from datetime import datetime, timedelta, timezone

R = random.Random(18)
START = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

def items(total):
    v = [0] * 10
    for _ in range(total):
        i = R.randrange(10)
        while v[i] >= 6:
            i = R.randrange(10)
        v[i] += 1
    return v

def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "courses.ndjson"), "w") as courses, open(os.path.join(out, "responses.ndjson"), "w") as responses:
        for c in range(n):
            t0 = START + timedelta(days=R.randrange(0, 300), hours=R.randrange(0, 8))
            baseline = R.randrange(20, 45)
            floor = baseline * R.choice([0.2, 0.4, 0.7, 0.95])
            sessions = [t0 + timedelta(days=3.5 * i) for i in range(6)]
            visits = [(t0 - timedelta(hours=1), baseline)]
            for i, s in enumerate(sessions):
                level = int(baseline - (baseline - floor) * (i + 1) / 6)
                visits.append((s + timedelta(days=1, minutes=20), max(0, level + R.randrange(-3, 4))))
            for w in range(8):
                visits.append((sessions[-1] + timedelta(days=7 * (w + 1)), max(0, min(60, int(floor) + R.randrange(-4, 8) + w))))
            doc = {"id": f"c{c}", "instrument": "madrs",
                   "treatments": [{"at": iso(s), "kind": "iv-ketamine"} for s in sessions],
                   "assessments": []}
            for at, total in visits:
                it = items(min(60, total))
                doc["assessments"].append({"at": iso(at), "items": it})
                responses.write(json.dumps({"instrument": "madrs", "items": it}, separators=(",", ":")) + "\n")
            courses.write(json.dumps(doc, separators=(",", ":")) + "\n")

if __name__ == "__main__":
    main()
