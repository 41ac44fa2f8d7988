#!/usr/bin/env python3
"""Generates clinic-cohort.ndjson: a synthetic ketamine clinic's courses (no real patient), one course document per
line, for `assess cohort`. Deterministic (seed 2026). Run: python3 samples/cohorts/generate.py > samples/cohorts/clinic-cohort.ndjson

Induction series of six infusions over two to three weeks (some stop early), a pre-dose intake, a next-day visit,
visits before each infusion, then weekly to fortnightly follow-up for up to six months; some courses get monthly
boosters; trajectories: sustained responders, remitters, partial and non-responders, and responders who relapse a few
weeks after the series ends (Murrough 2013 saw a median of 18 days). A few courses carry item-level MADRS visits
(so suicide-item flags), a few are monitoring only, two are invalid on purpose (two session kinds and no treatmentKind; a repeated id), and one lists an
out-of-range imported total (an invalid row: listed, used for no outcome)."""
import json, random
from datetime import datetime, timedelta, timezone

R = random.Random(2026)
START = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

def clamp(x, lo, hi):
    return max(lo, min(hi, int(round(x))))

def madrs_items(total):
    # ten items 0-6 summing to the total, item 10 (suicidal thoughts) following the overall severity
    items = [0] * 10
    for _ in range(total):
        i = R.randrange(10)
        while items[i] >= 6:
            i = R.randrange(10)
        items[i] += 1
    return items

def course(n):
    kind, instrument, hi = R.choices([("iv-ketamine", "madrs", 60), ("iv-ketamine", "phq-9", 27), ("esketamine", "madrs", 60)], [6, 3, 1])[0]
    t0 = START + timedelta(days=R.randrange(0, 300), hours=R.randrange(0, 8))
    baseline = clamp(R.gauss(0.55, 0.12) * hi, 8 if instrument == "phq-9" else 12, hi)
    profile = R.choices(["remit", "respond", "partial", "none", "relapse"], [2, 3, 2, 2, 2])[0]
    rapid = profile in ("remit", "respond", "relapse") and R.random() < 0.35  # relief the day after the first infusion
    floor = {"remit": 0.2, "respond": 0.42, "partial": 0.7, "none": 0.92, "relapse": 0.35}[profile] * baseline
    planned = 6
    sessions = []
    day = 0.0
    for i in range(planned):
        if i > 0 and R.random() < 0.06:
            break  # dropout
        sessions.append(t0 + timedelta(days=day))
        day += R.choice([2, 2, 3, 3, 4])
    series_end = sessions[-1]
    if profile in ("respond", "remit") and R.random() < 0.4:
        b = series_end
        for _ in range(R.randrange(1, 5)):
            b = b + timedelta(days=R.randrange(28, 45))
            sessions.append(b)
    visits = [t0 - timedelta(days=R.choice([0.05, 0.05, 1, 3, 7, 10, 20]))]
    visits.append(sessions[0] + timedelta(hours=R.choice([20, 24, 26, 30, 48])))
    for s in sessions[1:]:
        visits.append(s - timedelta(minutes=R.choice([30, 60, 120])))
    v = series_end + timedelta(days=7)
    horizon = t0 + timedelta(days=R.choice([30, 60, 120, 180]))
    while v < horizon:
        visits.append(v)
        v += timedelta(days=R.choice([7, 7, 14, 14, 21]))
    visits = sorted(set(visits))
    rows = []
    for t in visits:
        elapsed = (t - t0).total_seconds() / 86400
        if elapsed <= 0:
            total = baseline
        else:
            progress = 1.0 if rapid else min(1.0, (elapsed / 14) ** 0.6)
            level = baseline - (baseline - floor) * progress
            if profile == "relapse" and t > series_end + timedelta(days=R.choice([14, 18, 25])):
                level = baseline * R.uniform(0.75, 1.0)
            total = clamp(R.gauss(level, 2.5), 0, hi)
        row = {"at": iso(t)}
        if instrument == "madrs" and R.random() < 0.12:
            row["items"] = madrs_items(total)
        else:
            row["total"] = total
        rows.append(row)
    doc = {"id": f"p-{n:04d}", "instrument": instrument, "options": {"treatmentKind": kind},
           "treatments": [{"at": iso(s), "end": iso(s + timedelta(minutes=40)), "kind": kind} for s in sessions],
           "assessments": rows}
    if R.random() < 0.05:
        doc["treatments"] = []  # monitoring only
    return doc

docs = [course(n) for n in range(1, 301)]
# Invalid on purpose: two session kinds and no treatmentKind; a repeated id. One invalid row: a total out of range.
bad = course(301); bad["id"] = "p-0301"; bad["options"] = {}; bad["treatments"].append({"at": bad["treatments"][0]["at"] if bad["treatments"] else "2025-06-01T09:00:00Z", "kind": "medication-change"}); bad["treatments"].append({"at": "2025-06-02T09:00:00Z", "kind": "iv-ketamine"})
docs.append(bad)
wrong = course(302); wrong["id"] = "p-0302"; wrong["assessments"].append({"at": "2026-01-01T09:00:00Z", "total": 99})
docs.append(wrong)
again = course(303); again["id"] = "p-0007"
docs.append(again)
for d in docs:
    print(json.dumps(d, separators=(",", ":")))
