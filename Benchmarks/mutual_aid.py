#!/usr/bin/env python3
"""The data, the DuckDB baseline, the checks and the table of Benchmarks/mutual-aid.sh.

    mutual_aid.py roster  --members EXPORT_CSV --out FILE --rows N [--seed S] [--summary JSON]
        A roster for `gonghui import mutual-aid-enrollment` (身份证号, 姓名, 所属工会代码) of N
        members in good standing (会员状态 在会) taken from `gonghui export members`: a seeded
        sample spread over the whole province, in the export's order (unit by unit as the
        registry holds them). Fails when the export has fewer than N members in good standing.
    mutual_aid.py round   --database DB --province CODE --today YYYY-MM-DD
        Creates, straight in SQLite, a plan owned by the province (BM-CODE, hospitalization) and
        this year's round of it with the enrollment window open today, its terms copied from the
        demo's round; prints the round's id.
    mutual_aid.py settle  --database DB --round R --today YYYY-MM-DD --claims N [--paid-units P] [--seed S]
        After the import, straight in SQLite: a payment for about P % of the units that enrolled
        (the exact amount due, received in the round's first weeks; their enrollments marked
        paid), and N claims on members enrolled in paid-up units, in every state, amounts as the
        round's terms compute them. Prints a JSON summary.
    mutual_aid.py duckdb  --dir EXPORT_DIR --round R --org CODE --output JSON
        The figures of `gonghui report mutual-aid --round R --org CODE` computed by DuckDB from
        the CSV files exported from the database (orgs, enrollments, claims) and the round's
        terms (terms.json, for the benefits' order and titles), reading them included.
    mutual_aid.py verify  --expected JSON --label TEXT [--checks TSV] REPORT
        Compares REPORT (the JSON of `gonghui report mutual-aid`) with DuckDB's: the rows, their
        order and names, the ten figures, the payout ratio and the mean days to pay of each row;
        the by-benefit and by-diagnosis breakdowns (order, claims, paid, benefits). Exits 1 on a
        difference.
    mutual_aid.py table   META RESULTS CHECKS OUT_MD   (OUT_MD `-`: print only)
        The markdown table of a run.

The figures are those of MutualAidTally (Sources/GonghuiDomain/MutualAid/MutualAidFigures.swift)
as MutualAidService.report reads them (MutualAidService+Figures.swift), computed independently: an
enrollment or claim of the round counts at its unit, a node sums its subtree (by the orgs' paths);
units = units with an enrollment; contributions due = every enrollment's contribution, received =
those with a payment; claims approved = approved, in_batch, paid or failed; refused; paid, and the
benefits paid = the paid claims' amounts; payout ratio = benefits paid ÷ contributions received,
half up to four places (null when nothing was received); mean days to pay = the paid claims' days
from filing to payment, to one decimal.
"""
import argparse
import csv
import datetime
import json
import math
import os
import random
import re
import sqlite3
import statistics
import sys
import time

FIGURES = ["enrolled", "units", "contributions_due_fen", "contributions_fen", "claims", "claims_approved", "claims_refused",
           "claims_paid", "benefits_paid_fen"]
APPROVED = ["approved", "in_batch", "paid", "failed"]
STATES = ["filed", "awaiting_owner", "approved", "refused", "in_batch", "paid", "failed"]


def parse_date(text: str) -> datetime.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise SystemExit(f"not a date (YYYY-MM-DD): {text}")
    return datetime.date.fromisoformat(text)


def check_code(code: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]+", code):
        raise SystemExit(f"not an org code: {code}")
    return code


def payout_ratio(paid: int, received: int):
    """MutualAidClaimRules.payoutRatio: paid ÷ received, half up at the fourth decimal, in integers."""
    if received <= 0:
        return None
    q = (paid * 10_000 * 2 + received) // (received * 2)
    return f"{q // 10_000}.{q % 10_000:04d}"


def mean_days(days: int, paid: int):
    """MutualAidTally.finished: (Double(days) / Double(paid) * 10).rounded() / 10, half away from zero."""
    if paid <= 0:
        return None
    x = float(days) / float(paid) * 10
    r = math.floor(x)
    if x - r >= 0.5:
        r += 1
    return float(r) / 10


# -- roster ----------------------------------------------------------------------------

def cmd_roster(args) -> int:
    with open(args.members, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header = [h.strip() for h in next(rows)]
        try:
            i_id, i_name, i_org, i_status = (header.index(h) for h in ("身份证号", "姓名", "所属工会代码", "会员状态"))
        except ValueError:
            raise SystemExit(f"{args.members}: not a member export (header {header})")
        total = active = 0
        for row in rows:
            total += 1
            active += row[i_status] == "在会"
    if active < args.rows:
        raise SystemExit(f"{args.members}: {active:,} members in good standing of {total:,}, fewer than the {args.rows:,} "
                         f"wanted; make the demo larger (--members)")
    chosen = set(random.Random(args.seed).sample(range(active), args.rows))
    units = set()
    written = k = 0
    with open(args.members, encoding="utf-8-sig", newline="") as f, open(args.out, "w", encoding="utf-8", newline="") as out:
        rows = csv.reader(f)
        next(rows)
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["身份证号", "姓名", "所属工会代码"])
        for row in rows:
            if row[i_status] != "在会":
                continue
            if k in chosen:
                w.writerow([row[i_id], row[i_name], row[i_org]])
                units.add(row[i_org])
                written += 1
            k += 1
    summary = {"members": total, "active": active, "rows": written, "units": len(units)}
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(summary, f)
    print(json.dumps(summary))
    return 0


# -- the plan and the round ---------------------------------------------------------------

def cmd_round(args) -> int:
    province = check_code(args.province)
    today = parse_date(args.today)
    db = sqlite3.connect(args.database)
    row = db.execute("SELECT id, COALESCE(province_id, id), name FROM orgs WHERE code = ? AND parent_id IS NULL", (province,)).fetchone()
    if not row:
        raise SystemExit(f"{args.database}: no province {province}")
    org_id, province_id, name = row
    terms = db.execute("SELECT terms FROM mutual_aid_rounds ORDER BY starts_on DESC, id DESC LIMIT 1").fetchone()
    if not terms:
        raise SystemExit(f"{args.database}: the demo has no mutual-aid round to copy the terms from")
    now = int(time.time() * 1000)
    code = f"BM-{province}"
    with db:
        if db.execute("SELECT 1 FROM mutual_aid_plans WHERE code = ?", (code,)).fetchone():
            raise SystemExit(f"{args.database}: a plan {code} exists already")
        cur = db.execute("""INSERT INTO mutual_aid_plans (province_id, code, name, kind, owner_org_id, created_by, created_at)
                            VALUES (?, ?, ?, 'hospitalization', ?, 'benchmark', ?)""",
                         (province_id, code, name.replace("总工会", "") + "职工住院医疗互助（基准测试）", org_id, now))
        plan_id = cur.lastrowid
        y = today.year
        cur = db.execute("""INSERT INTO mutual_aid_rounds (plan_id, name, starts_on, ends_on, enrollment_opens, enrollment_closes, terms,
                            created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'benchmark', ?)""",
                         (plan_id, f"{y} 年度", f"{y}-01-01", f"{y}-12-31", f"{y - 1}-12-01", f"{y}-12-31", terms[0], now))
        round_id = cur.lastrowid
    print(round_id)
    return 0


# -- payments and claims ---------------------------------------------------------------------

FAMILY = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"]
BANKS = ["中国工商银行", "中国农业银行", "中国建设银行", "中国银行", "交通银行", "邮储银行", "湖北银行"]
REFUSALS = ["住院发生在非定点医疗机构，且未办理转诊备案", "事故发生在等待期内", "超过申请时限", "同一次住院已申请", "不属于约定的重大疾病"]


def benefit_amount(rng, benefit, diagnoses):
    """(event_kind, total_cost_fen, insurance_paid_fen, amount_fen, diagnosis, grade) as the terms compute a claim
    (MutualAidTerms as JSON: money in whole fen, a rule {"share": {...}} or {"fixed": {...}})."""
    rule = benefit["rule"]
    event = benefit.get("event", "hospital_stay")
    total = insurance = 0
    diagnosis, grade = None, None
    if "share" in rule:
        share = rule["share"]
        total = int(rng.lognormvariate(9.3, 0.7) * 100)             # about 11,000 yuan, most 3,000 to 40,000
        insurance = total * rng.randint(45, 75) // 100
        own = max(0, total - insurance - share["deductible"])
        amount = min(own * share["basisPoints"] // 10_000, share["perEventCap"])
        if rng.random() < 0.3:
            diagnosis = rng.choice(["肺炎", "骨折", "阑尾炎", "胆囊结石", "冠心病", "脑梗死", "糖尿病", "腰椎间盘突出"])
    else:
        fixed = rule["fixed"]
        amount = fixed["amount"]
        if fixed.get("gradePercents"):
            grade = rng.randint(1, len(fixed["gradePercents"]))
            amount = amount * fixed["gradePercents"][grade - 1] // 100
        if diagnoses:
            diagnosis = rng.choice(diagnoses)
    return event, total, insurance, amount, diagnosis, grade


def cmd_settle(args) -> int:
    rng = random.Random(args.seed)
    today = parse_date(args.today)
    db = sqlite3.connect(args.database)
    r = db.execute("SELECT starts_on, terms FROM mutual_aid_rounds WHERE id = ?", (args.round,)).fetchone()
    if not r:
        raise SystemExit(f"no round {args.round}")
    start = max(parse_date(r[0]), datetime.date(today.year, 1, 1))
    terms = json.loads(r[1])
    benefits = terms["benefits"]
    now = int(time.time() * 1000)

    def day(lo: datetime.date, hi: datetime.date) -> datetime.date:
        hi = max(lo, min(hi, today))
        return lo + datetime.timedelta(days=rng.randint(0, (hi - lo).days))

    units = db.execute("""SELECT e.org_id, MIN(e.province_id), COUNT(*), SUM(e.contribution_fen) FROM mutual_aid_enrollments e
                          WHERE e.round_id = ? AND e.payment_id IS NULL GROUP BY e.org_id ORDER BY e.org_id""", (args.round,)).fetchall()
    paid_units = [u for u in units if rng.random() * 100 < args.paid_units]
    with db:
        for org_id, province_id, n, fen in paid_units:
            received = day(start + datetime.timedelta(days=5), start + datetime.timedelta(days=80))
            cur = db.execute("""INSERT INTO mutual_aid_payments (province_id, round_id, org_id, members, amount_fen, received_on, receipt_no,
                                created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'benchmark', ?)""",
                             (province_id, args.round, org_id, n, fen, received.isoformat(), f"BM{today.year}-{org_id:06d}", now))
            db.execute("UPDATE mutual_aid_enrollments SET payment_id = ?, paid_on = ? WHERE round_id = ? AND org_id = ? AND payment_id IS NULL",
                       (cur.lastrowid, received.isoformat(), args.round, org_id))

    # Claims: members of paid-up units; mostly hospital stays, some major illnesses, few deaths or
    # disabilities; most paid, others at every step.
    covered = db.execute("""SELECT e.member_id, e.org_id, e.province_id, e.paid_on, m.name, m.id_masked FROM mutual_aid_enrollments e
                            JOIN members m ON m.id = e.member_id WHERE e.round_id = ? AND e.payment_id IS NOT NULL ORDER BY e.id""",
                         (args.round,)).fetchall()
    if len(covered) < args.claims:
        raise SystemExit(f"{len(covered):,} paid-up enrollments, fewer than the {args.claims:,} claims wanted")
    by_code = {b["code"]: b for b in benefits}
    weights = {"stay": 88, "illness": 6, "accident_death": 0.5, "disability": 3, "illness_death": 2.5}
    codes = [b["code"] for b in benefits]
    pick = [weights.get(c, 1) for c in codes]
    state_weights = [("paid", 62), ("approved", 6), ("in_batch", 4), ("failed", 1), ("refused", 9), ("filed", 14), ("awaiting_owner", 4)]
    states, sw = zip(*state_weights)
    waiting = terms.get("waitingDays", 0)
    counts = {s: 0 for s in STATES}
    rows = []
    for k, (member_id, org_id, province_id, paid_on, name, id_masked) in enumerate(rng.sample(covered, args.claims)):
        code = rng.choices(codes, pick)[0]
        b = by_code[code]
        event, total, insurance, amount, diagnosis, grade = benefit_amount(rng, b, b.get("diagnoses") or [])
        state = rng.choices(states, sw)[0]
        if state == "awaiting_owner" and amount <= terms.get("ownerApprovalAbove", 0):
            state = "filed"
        counts[state] += 1
        cover = parse_date(paid_on) + datetime.timedelta(days=waiting if event == "hospital_stay" else 0)
        event_on = day(cover, today - datetime.timedelta(days=10))
        discharged = event_on + datetime.timedelta(days=rng.randint(2, 15)) if event == "hospital_stay" else None
        filed = day(discharged or event_on, (discharged or event_on) + datetime.timedelta(days=60))
        paid_day = day(filed + datetime.timedelta(days=3), filed + datetime.timedelta(days=45)) if state == "paid" else None
        decided = filed + datetime.timedelta(days=2) if state not in ("filed", "awaiting_owner") else None
        account = f"6222{rng.randint(0, 10**15 - 1):015d}"
        rows.append((province_id, f"BM-{today.year}-{k + 1:07d}", args.round, member_id, org_id, name, id_masked, code, event,
                     event_on.isoformat(), discharged.isoformat() if discharged else None, diagnosis, grade, total, insurance,
                     filed.isoformat(), rng.choice(["unit", "unit", "unit", "portal"]), state, 0 if state == "refused" else amount, "[]",
                     rng.choice(REFUSALS) if state == "refused" else None, rng.choice(BANKS), "benchmark:" + account,
                     account[:6] + "*" * 9 + account[-4:], 1 if state in ("in_batch", "paid", "failed") else 0,
                     paid_day.isoformat() if paid_day else None, "账户已销户" if state == "failed" else None, "benchmark",
                     "benchmark" if decided else None, decided.isoformat() if decided else None, now, now))
    with db:
        db.executemany("""INSERT INTO mutual_aid_claims (province_id, claim_no, round_id, member_id, org_id, name, id_masked, benefit_code,
                          event_kind, event_on, discharged_on, diagnosis, disability_grade, total_cost_fen, insurance_paid_fen, filed_on, channel,
                          state, amount_fen, lines_json, reason, bank_name, bank_account_enc, bank_account_masked, attempts, paid_on,
                          failure_reason, recorded_by, decided_by, decided_on, created_at, updated_at)
                          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
    db.execute("ANALYZE")
    summary = {"units": len(units), "paid_units": len(paid_units), "paid_members": len(covered), "claims": len(rows), "states": counts}
    print(json.dumps(summary))
    return 0


# -- DuckDB ---------------------------------------------------------------------------------

def cmd_duckdb(args) -> int:
    import duckdb
    root = check_code(args.org)
    d = args.dir
    con = duckdb.connect()
    con.execute(f"""CREATE TEMP VIEW orgs AS SELECT * FROM read_csv('{d}/orgs.csv', header = true, auto_detect = false,
        columns = {{'id': 'BIGINT', 'code': 'VARCHAR', 'name': 'VARCHAR', 'path': 'VARCHAR', 'parent_id': 'BIGINT'}})""")
    con.execute(f"""CREATE TEMP VIEW enrollments AS SELECT * FROM read_csv('{d}/enrollments.csv', header = true, auto_detect = false,
        columns = {{'round_id': 'BIGINT', 'org_id': 'BIGINT', 'contribution_fen': 'BIGINT', 'payment_id': 'BIGINT'}})""")
    con.execute(f"""CREATE TEMP VIEW claims AS SELECT * FROM read_csv('{d}/claims.csv', header = true, auto_detect = false,
        columns = {{'round_id': 'BIGINT', 'org_id': 'BIGINT', 'state': 'VARCHAR', 'amount_fen': 'BIGINT', 'benefit_code': 'VARCHAR',
                    'diagnosis': 'VARCHAR', 'filed_on': 'DATE', 'paid_on': 'DATE'}})""")
    node = con.execute("SELECT id, code, name, path FROM orgs WHERE code = $root", {"root": root}).fetchone()
    if not node:
        raise SystemExit(f"no org {root} in {d}/orgs.csv")
    node_id, _code, node_name, node_path = node
    children = con.execute("SELECT code, name, path FROM orgs WHERE parent_id = $id ORDER BY code", {"id": node_id}).fetchall()
    # Each org of the node's subtree with the child it lies under (by its path: the node's path
    # and one more segment), NULL for the node itself.
    con.execute("""CREATE TEMP TABLE under AS
        SELECT o.id, CASE WHEN o.path = $p THEN NULL ELSE $p || split_part(substr(o.path, length($p) + 1), '/', 1) || '/' END AS top
        FROM orgs o WHERE starts_with(o.path, $p)""", {"p": node_path})
    units = con.execute("""
        WITH u AS (
            SELECT e.org_id, COUNT(*) AS n, SUM(e.contribution_fen) AS due,
                SUM(CASE WHEN e.payment_id IS NULL THEN 0 ELSE e.contribution_fen END) AS received
            FROM enrollments e WHERE e.round_id = $r GROUP BY e.org_id
        )
        SELECT t.top, SUM(u.n), COUNT(*), SUM(u.due), SUM(u.received) FROM u JOIN under t ON t.id = u.org_id GROUP BY ALL
        """, {"r": args.round}).fetchall()
    claims = con.execute(f"""
        SELECT t.top, COUNT(*),
            COUNT(*) FILTER (WHERE c.state IN ({", ".join(f"'{s}'" for s in APPROVED)})),
            COUNT(*) FILTER (WHERE c.state = 'refused'),
            COUNT(*) FILTER (WHERE c.state = 'paid'),
            COALESCE(SUM(c.amount_fen) FILTER (WHERE c.state = 'paid'), 0),
            COALESCE(SUM(date_diff('day', c.filed_on, c.paid_on)) FILTER (WHERE c.state = 'paid'), 0)
        FROM claims c JOIN under t ON t.id = c.org_id
        WHERE c.round_id = $r AND c.state IN ({", ".join(f"'{s}'" for s in STATES)})
        GROUP BY ALL""", {"r": args.round}).fetchall()
    breakdown = con.execute(f"""
        SELECT c.benefit_code, c.diagnosis, COUNT(*), COUNT(*) FILTER (WHERE c.state = 'paid'),
            COALESCE(SUM(c.amount_fen) FILTER (WHERE c.state = 'paid'), 0)
        FROM claims c JOIN under t ON t.id = c.org_id
        WHERE c.round_id = $r AND c.state IN ({", ".join(f"'{s}'" for s in STATES)})
        GROUP BY ALL""", {"r": args.round}).fetchall()

    zero = {"enrolled": 0, "units": 0, "contributions_due_fen": 0, "contributions_fen": 0, "claims": 0, "claims_approved": 0,
            "claims_refused": 0, "claims_paid": 0, "benefits_paid_fen": 0, "days": 0}
    tops = {path: dict(zero) for _c, _n, path in children}
    total = dict(zero)
    for top, n, count, due, received in units:
        for t in [total] + ([tops[top]] if top in tops else []):
            t["enrolled"] += int(n); t["units"] += int(count); t["contributions_due_fen"] += int(due); t["contributions_fen"] += int(received)
    for top, n, approved, refused, paid, fen, days in claims:
        for t in [total] + ([tops[top]] if top in tops else []):
            t["claims"] += int(n); t["claims_approved"] += int(approved); t["claims_refused"] += int(refused)
            t["claims_paid"] += int(paid); t["benefits_paid_fen"] += int(fen); t["days"] += int(days)
    rows = []
    for code, name, t in [(root, node_name, total)] + [(c, n, tops[p]) for c, n, p in children]:
        row = {"org_code": code, "org_name": name, **{f: t[f] for f in FIGURES}}
        row["payout_ratio"] = payout_ratio(t["benefits_paid_fen"], t["contributions_fen"])
        row["average_days_to_pay"] = mean_days(t["days"], t["claims_paid"])
        rows.append(row)

    with open(f"{d}/terms.json", encoding="utf-8") as f:
        benefits = json.load(f)["benefits"]
    order = [b["code"] for b in benefits]
    titles = {b["code"]: b["title"] for b in benefits}
    by_benefit, by_diagnosis = {}, {}
    for code, diagnosis, n, paid, fen in breakdown:
        b = by_benefit.setdefault(code, {"key": code, "title": titles.get(code, code), "claims": 0, "claims_paid": 0, "benefits_paid_fen": 0})
        b["claims"] += int(n); b["claims_paid"] += int(paid); b["benefits_paid_fen"] += int(fen)
        if diagnosis:
            x = by_diagnosis.setdefault(diagnosis, {"key": diagnosis, "title": diagnosis, "claims": 0, "claims_paid": 0, "benefits_paid_fen": 0})
            x["claims"] += int(n); x["claims_paid"] += int(paid); x["benefits_paid_fen"] += int(fen)
    benefit_rows = sorted(by_benefit.values(), key=lambda b: order.index(b["key"]) if b["key"] in order else 99)
    diagnosis_rows = sorted(by_diagnosis.values(), key=lambda x: (-x["benefits_paid_fen"], -x["claims"], x["key"]))
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump({"org_code": root, "round_id": args.round, "rows": rows, "by_benefit": benefit_rows, "by_diagnosis": diagnosis_rows},
                  f, ensure_ascii=False)
    return 0


# -- verify ----------------------------------------------------------------------------------

def cmd_verify(args) -> int:
    with open(args.expected, encoding="utf-8") as f:
        want = json.load(f)
    with open(args.report, encoding="utf-8") as f:
        got = json.load(f)
    problems = []
    figures = 0
    for part, key, fields in [("rows", "org_code", ["org_name"] + FIGURES + ["payout_ratio", "average_days_to_pay"]),
                              ("by_benefit", "key", ["title", "claims", "claims_paid", "benefits_paid_fen"]),
                              ("by_diagnosis", "key", ["claims", "claims_paid", "benefits_paid_fen"])]:
        w, g = want.get(part, []), got.get(part, [])
        wk, gk = [r[key] for r in w], [r.get(key) for r in g]
        if wk != gk:
            problems.append((part, "order or set", wk[:8], gk[:8]))
        by_key = {r.get(key): r for r in g}
        for e in w:
            r = by_key.get(e[key])
            if r is None:
                continue
            for f in fields:
                figures += 1
                if e.get(f) != r.get(f):
                    problems.append((f"{part} {e[key]}", f, e.get(f), r.get(f)))
    if got.get("round_id") != want.get("round_id") or got.get("org_code") != want.get("org_code"):
        problems.append(("report", "round or org", (want.get("round_id"), want.get("org_code")), (got.get("round_id"), got.get("org_code"))))
    detail = (f"{len(got.get('rows', [])):,} rows, {len(got.get('by_benefit', [])):,} benefits, {len(got.get('by_diagnosis', [])):,} diagnoses; "
              f"{figures:,} figures compared; {len(problems):,} differences")
    print(f"{args.label}: {detail}", file=sys.stderr)
    for where, what, want_v, got_v in problems[:40]:
        print(f"  {where} {what}: expected {want_v!r}, got {got_v!r}", file=sys.stderr)
    if args.checks:
        with open(args.checks, "a", encoding="utf-8") as f:
            f.write("\t".join([args.label, detail, "ok" if not problems else "mismatch"]) + "\n")
    return 0 if not problems else 1


# -- table -------------------------------------------------------------------------------------

IMPORT_MIN_RATIO = 0.10
REPORT_MAX_RATIO = 3.0
# key, kind of row, limit key
ROWS = [
    ("demo", "prep", None),
    ("export", "prep", None),
    ("roster", "prep", None),
    ("dry_run", "info", None),
    ("import", "import", "import_limit"),
    ("import_limit", "limit", None),
    ("settle", "prep", None),
    ("report", "report", "duckdb"),
    ("duckdb", "limit", None),
]


def read_tsv(path, width):
    rows = []
    if not path or not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                parts = line.split("\t")
                rows.append(parts + ["-"] * (width - len(parts)))
    return rows


def cmd_table(args) -> int:
    meta = dict((k, v) for k, v in read_tsv(args.meta, 2))
    # key what count seconds rss_kib status
    runs, whats = {}, {}
    for key, what, count, seconds, rss, status in read_tsv(args.results, 6):
        whats.setdefault(key, what)
        runs.setdefault(key, []).append({"count": count, "seconds": seconds, "rss": rss, "status": status})

    def num(v):
        try:
            return float(v)
        except (TypeError, ValueError):
            return None

    def summary(key):
        rs = runs.get(key)
        if not rs:
            return None
        errors = [r["status"] for r in rs if r["status"] != "ok"]
        if errors:
            return {"error": errors[0]}
        secs = [num(r["seconds"]) for r in rs]
        if None in secs:
            return {"note": True}
        rss = [num(r["rss"]) for r in rs if num(r["rss"]) is not None]
        return {"seconds": statistics.median(secs), "all": secs, "count": num(rs[-1]["count"]),
                "rss_mib": max(rss) / 1024 if rss else None}

    out = [f"Measured {meta.get('date', '?')} on {meta.get('machine', '?')}.", ""]
    for k in ("versions", "data", "settings"):
        if k in meta:
            out += [meta[k], ""]
    out.append("| what | rows | seconds | rate | peak RSS MiB | ratio vs limit | target | result |")
    out.append("| --- | ---: | ---: | --- | ---: | ---: | --- | --- |")
    for key, kind, limit_key in ROWS:
        if key not in whats:
            continue
        s, what = summary(key), whats[key]
        if "error" in s:
            target = {"import": f"rate ratio ≥ {IMPORT_MIN_RATIO:.2f}", "report": f"seconds ratio ≤ {REPORT_MAX_RATIO:.1f}"}.get(kind, "–")
            out.append(f"| {what} | – | – | – | – | – | {target} | {s['error']} |")
            continue
        if "note" in s:
            out.append(f"| {what} | – | – | – | – | – | – | – |")
            continue
        lim = summary(limit_key) if limit_key else None
        lim = lim if lim and "error" not in lim and "note" not in lim else None
        count = "–" if s["count"] is None else f"{s['count']:,.0f}"
        rss = "–" if s["rss_mib"] is None else f"{s['rss_mib']:,.0f}"
        secs = f"{s['seconds']:.3f}" if len(s["all"]) == 1 else f"{s['seconds']:.3f} (median of {', '.join(f'{x:.3f}' for x in s['all'])})"
        rate_text, ratio, target, result = "–", "–", "–", "–"
        if s["count"]:
            rate_text = f"{s['count'] / s['seconds']:,.0f} rows/s"
        if kind == "limit":
            ratio = "1 (limit)"
        if kind == "import":
            target = f"rate ratio ≥ {IMPORT_MIN_RATIO:.2f}"
            if lim:
                r = (s["count"] / s["seconds"]) / (lim["count"] / lim["seconds"])
                ratio = f"{r:.3f} (rate)"
                result = "PASS" if r >= IMPORT_MIN_RATIO else "FAIL"
            else:
                result = "FAIL (no limit)"
        if kind == "report":
            target = f"seconds ratio ≤ {REPORT_MAX_RATIO:.1f}"
            if lim:
                r = s["seconds"] / lim["seconds"]
                ratio = f"{r:.2f}"
                result = "PASS" if r <= REPORT_MAX_RATIO else "FAIL"
            else:
                result = "FAIL (no limit)"
        out.append(f"| {what} | {count} | {secs} | {rate_text} | {rss} | {ratio} | {target} | {result} |")
    checks = read_tsv(args.checks, 3)
    if checks:
        out += ["", "Figures compared with DuckDB's (the node and each child: name, the nine figures, the payout ratio, the mean "
                    "days to pay; by benefit and by diagnosis: order, claims, paid, benefits paid):", ""]
        for label, detail, status in checks:
            out.append(f"- {'OK' if status == 'ok' else 'MISMATCH'} {label}: {detail}")
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.out != "-":
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("# Medical mutual-aid benchmark (latest run of Benchmarks/mutual-aid.sh)\n\n" + text)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("roster")
    r.add_argument("--members", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--rows", type=int, required=True)
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--summary")
    o = sub.add_parser("round")
    o.add_argument("--database", required=True)
    o.add_argument("--province", required=True)
    o.add_argument("--today", required=True)
    s = sub.add_parser("settle")
    s.add_argument("--database", required=True)
    s.add_argument("--round", type=int, required=True)
    s.add_argument("--today", required=True)
    s.add_argument("--claims", type=int, required=True)
    s.add_argument("--paid-units", type=float, default=85.0)
    s.add_argument("--seed", type=int, default=1)
    d = sub.add_parser("duckdb")
    d.add_argument("--dir", required=True)
    d.add_argument("--round", type=int, required=True)
    d.add_argument("--org", required=True)
    d.add_argument("--output", required=True)
    v = sub.add_parser("verify")
    v.add_argument("--expected", required=True)
    v.add_argument("--label", required=True)
    v.add_argument("--checks")
    v.add_argument("report")
    t = sub.add_parser("table")
    for name in ("meta", "results", "checks", "out"):
        t.add_argument(name)
    args = ap.parse_args()
    return {"roster": cmd_roster, "round": cmd_round, "settle": cmd_settle, "duckdb": cmd_duckdb, "verify": cmd_verify,
            "table": cmd_table}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
