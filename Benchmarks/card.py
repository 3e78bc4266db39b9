#!/usr/bin/env python3
"""The data, the DuckDB baseline, the checks and the table of Benchmarks/card.sh.

    card.py generate --issuing FILE --as-of YYYY-MM-DD --rows N --results OUT --usage OUT --units OUT
                     [--seed S] [--summary JSON]
        From the bank's issuing file (`gonghui export card-issuing`: 序号, 姓名, 身份证号, …,
        所属工会代码, …), the bank's results (身份证号, 卡号, 发卡日期: every card made, card
        numbers 622202 + a 12-digit sequence from 500000000001 + the Luhn digit, clear of the
        demo's own cards, issued on days spread over the 730 days before the day) and a uses file of exactly N rows (卡号, 交易日期, 商户, 交易金额,
        优惠金额, 流水号) over the 15 calendar months ending on the day, in date order, with a
        skew: about 22 % of the cards never used, 15 % used every month since they were issued,
        13 % used for a while and then left, the rest in a few months here and there. --units
        gets what the generator knows each card's figures to be, summed by the holder's union
        (code, issued, activated, used, lasting, sleeping) for `truth`.
    card.py truth    --units FILE --orgs ORGS_CSV --org CODE --as-of YYYY-MM-DD [--before JSON] --output JSON
        The rows `gonghui report cards --org CODE` should give, from what the generator wrote
        (the unions summed up the tree by the orgs' paths): the figures the files imply,
        independent of the database. --before is the report of the same day on the database
        before the benchmark issued its cards (the demo's own cards, if it has any, which the
        benchmark leaves alone): its figures are added row by row.
    card.py duckdb   --dir EXPORT_DIR --org CODE --as-of YYYY-MM-DD --output JSON
                     [--window-days 90] [--lasting-months 6] [--sleep-unactivated-days 60] [--sleep-unused-days 180]
        The figures of `gonghui report cards --org CODE --as-of DAY` computed by DuckDB from the
        CSV files exported from the database (orgs, members, member_cards, card_usage,
        card_usage_months), reading them included.
    card.py verify   --expected JSON --label TEXT [--checks TSV] REPORT
        Compares REPORT (the JSON of `gonghui report cards`) with the expected rows: the day, the
        rows and their order and names, the five figures and the three rates of each row. Exits 1
        on a difference.
    card.py table    META RESULTS CHECKS OUT_MD   (OUT_MD `-`: print only)
        The markdown table of a run.

The figures are those of CardService.measures (Sources/GonghuiStore/Card/CardService+Measures.swift)
with the default policy (CardPolicy.defaults), computed independently. A card counts at the union
its holder belongs to now (member_cards.member_id → members.org_id), and a node sums its subtree
(by the orgs' paths). Of the cards with an issue day in the states issued, active or cancelled:
issued = issued on or before the day; activated = activated on or before it; sleeping = still
issued (never activated) and issued more than 60 days before the day, or active and neither used
(last use) nor activated in the 180 days before it. Used = cards with a use in the 90 days ending
on the day; lasting = cards used in at least 6 of the 12 calendar months ending with the day's
month. Rates (activated ÷ issued, used ÷ activated, lasting ÷ activated) half up to four places,
none when the whole is 0.
"""
import argparse
from array import array
import csv
import datetime
import json
import os
import re
import statistics
import sys

FIGURES = ["issued", "activated", "used", "lasting", "sleeping"]
RATES = ["activation_rate", "usage_rate", "lasting_rate"]
# CardPolicy.defaults
WINDOW_DAYS = 90
LASTING_MONTHS = 6
SLEEP_UNACTIVATED_DAYS = 60
SLEEP_UNUSED_DAYS = 180
# The uses file: the calendar months it spans, ending with the day's month.
USAGE_MONTHS = 15
ISSUE_DAYS = 730
BIN = "622202"
SEQUENCE_FROM = 500_000_000_000   # the demo numbers its own cards from 100000
USAGE_HEADER = ["卡号", "交易日期", "商户", "交易金额", "优惠金额", "流水号"]
MERCHANTS = [("中百仓储（光谷店）", 12), ("武商超市（江汉路店）", 10), ("中百罗森便利店", 9), ("工会职工服务站", 4),
             ("中国石化加油站（雄楚大道）", 7), ("武汉地铁", 8), ("九州通大药房", 6), ("老百姓大药房", 5),
             ("良品铺子（汉街店）", 4), ("周黑鸭（武广店）", 3), ("蔡林记热干面", 3), ("永辉超市（宜昌万达店）", 6),
             ("襄阳好邻居超市", 4), ("黄石万达影城", 2), ("十堰职工疗休养中心", 1), ("荆州沙市农贸市场", 3),
             ("孝感中百超市", 3), ("新华书店（洪山店）", 2), ("中国联通营业厅", 2), ("湖北省职工电影院线", 1)]


def parse_date(text: str) -> datetime.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise SystemExit(f"not a date (YYYY-MM-DD): {text}")
    return datetime.date.fromisoformat(text)


def check_code(code: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]+", code):
        raise SystemExit(f"not an org code: {code}")
    return code


def rate(part: int, whole: int):
    """Rate.fourPlaces: part ÷ whole to four places, half up, in integers; None when whole is 0."""
    if whole <= 0:
        return None
    scaled = (part * 100_000 // whole + 5) // 10
    return f"{scaled // 10_000}.{scaled % 10_000:04d}"


def add_months(year: int, month: int, k: int):
    i = year * 12 + (month - 1) + k
    return i // 12, i % 12 + 1


def month_text(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def luhn_digit(body: str) -> str:
    """The digit that makes body + digit pass the Luhn check (CardNumber.checkDigit)."""
    total = 0
    for i, c in enumerate(reversed(body)):
        d = ord(c) - 48
        if i % 2 == 0:   # doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = ord(c) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# -- the results and the uses ------------------------------------------------------------------

def cmd_generate(args) -> int:
    import numpy as np
    import random

    as_of = parse_date(args.as_of)
    epoch = datetime.date(1970, 1, 1)
    A = (as_of - epoch).days
    with open(args.issuing, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header = [h.strip() for h in next(rows)]
        try:
            i_id, i_unit = header.index("身份证号"), header.index("所属工会代码")
        except ValueError:
            raise SystemExit(f"{args.issuing}: not an issuing file (header {header})")
        ids, units = [], []
        for row in rows:
            if not any(c.strip() for c in row):
                continue
            ids.append(re.sub(r"\s+", "", row[i_id]))   # Excel-protected: a tab before the digits
            units.append(row[i_unit].strip())
    n = len(ids)
    if n == 0:
        raise SystemExit(f"{args.issuing}: no members")
    if n > 10**12 - SEQUENCE_FROM:
        raise SystemExit("more cards than the 12-digit sequence holds")
    rng = np.random.default_rng(args.seed)
    prng = random.Random(args.seed)

    # The results: every card made, issued on a day of the 730 before the day.
    issued = (A - rng.integers(1, ISSUE_DAYS + 1, n)).astype(np.int32)
    numbers = []
    for i in range(n):
        body = f"{BIN}{SEQUENCE_FROM + i + 1:012d}"
        numbers.append(body + luhn_digit(body))
    assert luhn_ok(numbers[0]) and luhn_ok(numbers[-1])
    day_text = {}

    def iso(d: int) -> str:
        t = day_text.get(d)
        if t is None:
            t = day_text[d] = (epoch + datetime.timedelta(days=int(d))).isoformat()
        return t

    with open(args.results, "w", encoding="utf-8", newline="") as out:
        out.write("身份证号,卡号,发卡日期\n")
        out.writelines(f"{ids[i]},{numbers[i]},{iso(d)}\n" for i, d in enumerate(issued.tolist()))

    # The months of the uses file: month 0 is the 15th before the day's, month 14 the day's (ending
    # on the day).
    first_y, first_m = add_months(as_of.year, as_of.month, -(USAGE_MONTHS - 1))
    starts, ends = [], []
    for k in range(USAGE_MONTHS):
        y, m = add_months(first_y, first_m, k)
        ny, nm = add_months(y, m, 1)
        starts.append((datetime.date(y, m, 1) - epoch).days)
        ends.append(min((datetime.date(ny, nm, 1) - epoch).days - 1, A))
    starts_a, ends_a = np.array(starts, dtype=np.int32), np.array(ends, dtype=np.int32)
    # The month each card was issued in (0 when before the file's first month).
    first_month = np.clip(np.searchsorted(starts_a, issued, side="right") - 1, 0, USAGE_MONTHS - 1).astype(np.int32)
    # The last month a card left aside may be used in: the one holding the day 181 days before.
    lapse_last = int(np.searchsorted(starts_a, A - SLEEP_UNUSED_DAYS - 1, side="right") - 1)

    # Each card's kind and the months it is used in, with a weight for each month.
    kind_u = rng.random(n).tolist()
    card_w = rng.lognormal(0.0, 0.6, n).tolist()
    first_months = first_month.tolist()
    slot_card, slot_month, slot_w = array("i"), array("b"), array("d")
    kinds = {"never": 0, "regular": 0, "lapsed": 0, "occasional": 0}
    sizes = [1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6, 7, 9]
    for i in range(n):
        u = kind_u[i]
        e0 = first_months[i]
        if u < 0.22:
            kinds["never"] += 1
            continue
        if u < 0.37:
            months = range(e0, USAGE_MONTHS)
            w = 1.6 * card_w[i]
            kinds["regular"] += 1
        elif u < 0.50 and e0 <= lapse_last:
            s = prng.randint(e0, lapse_last)
            t = prng.randint(s, min(lapse_last, s + 6))
            months = range(s, t + 1)
            w = card_w[i]
            kinds["lapsed"] += 1
        else:
            k = min(USAGE_MONTHS - e0, prng.choice(sizes))
            months = prng.sample(range(e0, USAGE_MONTHS), k)
            w = 0.7 * card_w[i]
            kinds["occasional"] += 1
        for m in months:
            slot_card.append(i)
            slot_month.append(m)
            slot_w.append(w)
    slot_card = np.frombuffer(slot_card, dtype=np.int32).copy()
    slot_month = np.frombuffer(slot_month, dtype=np.int8).copy()
    slot_w = np.frombuffer(slot_w, dtype=np.float64) * rng.lognormal(0.0, 0.35, len(slot_w))
    S, N = len(slot_card), args.rows
    # Every month a card is used in gets at least one use; the rest of the rows go by weight.
    if S > N:
        keep = np.sort(rng.choice(S, N, replace=False))
        slot_card, slot_month, slot_w = slot_card[keep], slot_month[keep], slot_w[keep]
        counts = np.ones(N, dtype=np.int64)
        print(f"note: {S:,} card-months wanted for {N:,} rows; {N:,} of them used once each", file=sys.stderr)
    else:
        counts = 1 + rng.multinomial(N - S, slot_w / slot_w.sum())
    del slot_w
    card = np.repeat(slot_card, counts)
    month = np.repeat(slot_month, counts).astype(np.int32)
    lo = np.maximum(starts_a[month], issued[card])
    hi = ends_a[month]
    day = (lo + np.floor(rng.random(N) * (hi - lo + 1))).astype(np.int32)
    del lo, hi, month
    assert len(day) == N and bool((day >= issued[card]).all()) and int(day.max()) <= A
    # Date order (the bank's file), shuffled within a day.
    perm = rng.permutation(N)
    order = perm[np.argsort(day[perm], kind="stable")]
    del perm
    card, day = card[order], day[order]
    del order
    fen = np.clip(np.rint(rng.lognormal(np.log(4500), 0.9, N)), 100, 600_000).astype(np.int64)
    disc = np.where(rng.random(N) < 0.4, 0, np.floor(fen * rng.uniform(0.02, 0.15, N))).astype(np.int64)
    names = [m for m, _ in MERCHANTS]
    mw = np.array([w for _, w in MERCHANTS], dtype=np.float64)
    merchant = rng.choice(len(names), N, p=mw / mw.sum()).astype(np.int8)

    def yuan(x: int) -> str:
        return f"{x // 100}.{x % 100:02d}"

    compact = {}
    with open(args.usage, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(USAGE_HEADER) + "\n")
        chunk = 100_000
        for a in range(0, N, chunk):
            b = min(N, a + chunk)
            cs, ds, fs, xs, ms = (card[a:b].tolist(), day[a:b].tolist(), fen[a:b].tolist(), disc[a:b].tolist(), merchant[a:b].tolist())
            lines = []
            for j in range(b - a):
                d = ds[j]
                t = iso(d)
                c = compact.get(d)
                if c is None:
                    c = compact[d] = t.replace("-", "")
                lines.append(f"{numbers[cs[j]]},{t},{names[ms[j]]},{yuan(fs[j])},{yuan(xs[j])},XF{c}{a + j + 1:010d}\n")
            out.writelines(lines)

    # What the generator knows each card's figures to be on the day.
    used_any = np.zeros(n, dtype=bool)
    used_any[card] = True
    last = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last, card, day)
    in_window = np.zeros(n, dtype=bool)
    in_window[card[day >= A - (WINDOW_DAYS - 1)]] = True
    recent = slot_month >= USAGE_MONTHS - 12       # the 12 months ending with the day's
    months_used = np.bincount(slot_card[recent], minlength=n)
    lasting = months_used >= LASTING_MONTHS
    sleeping = (~used_any & (issued < A - SLEEP_UNACTIVATED_DAYS)) | (used_any & (last < A - SLEEP_UNUSED_DAYS))
    unit_codes, unit_of = np.unique(np.array(units), return_inverse=True)
    sums = {f: np.bincount(unit_of, weights=w.astype(np.int64), minlength=len(unit_codes)).astype(np.int64)
            for f, w in [("issued", np.ones(n, dtype=np.int64)), ("activated", used_any), ("used", in_window), ("lasting", lasting),
                         ("sleeping", sleeping)]}
    with open(args.units, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["code"] + FIGURES)
        for k, code in enumerate(unit_codes.tolist()):
            w.writerow([code] + [int(sums[f][k]) for f in FIGURES])

    per_card = np.bincount(card, minlength=n)
    used_cards = int(used_any.sum())
    summary = {
        "cards": n, "units": len(unit_codes), "rows": int(N), "card_months": int(S), "kinds": kinds,
        "as_of": as_of.isoformat(), "issued_from": iso(int(issued.min())), "issued_to": iso(int(issued.max())),
        "usage_from": iso(int(day.min())), "usage_to": iso(int(day.max())),
        "cards_used": used_cards, "uses_per_used_card_median": float(np.median(per_card[used_any])) if used_cards else 0,
        "uses_per_used_card_max": int(per_card.max()), "used_90_days": int(in_window.sum()), "lasting": int(lasting.sum()),
        "sleeping": int(sleeping.sum()), "amount_fen": int(fen.sum()),
    }
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


# -- the expected figures from the generator's own record ---------------------------------------

def read_orgs(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [{"id": int(r["id"]), "code": r["code"], "name": r["name"], "path": r["path"],
                 "parent_id": int(r["parent_id"]) if r["parent_id"] not in ("", None) else None} for r in csv.DictReader(f)]


def finish(code, name, t):
    row = {"org_code": code, "org_name": name, **{f: t[f] for f in FIGURES}}
    row["activation_rate"] = rate(t["activated"], t["issued"])
    row["usage_rate"] = rate(t["used"], t["activated"])
    row["lasting_rate"] = rate(t["lasting"], t["activated"])
    return row


def cmd_truth(args) -> int:
    root = check_code(args.org)
    orgs = read_orgs(args.orgs)
    by_code = {o["code"]: o for o in orgs}
    node = by_code.get(root)
    if not node:
        raise SystemExit(f"no org {root} in {args.orgs}")
    children = sorted((o for o in orgs if o["parent_id"] == node["id"]), key=lambda o: o["code"])
    tops = [node] + children
    totals = [{f: 0 for f in FIGURES} for _ in tops]
    missing = 0
    with open(args.units, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            o = by_code.get(r["code"])
            if o is None:
                missing += 1
                continue
            for k, t in enumerate(tops):
                if o["path"].startswith(t["path"]):
                    for fig in FIGURES:
                        totals[k][fig] += int(r[fig])
    if missing:
        raise SystemExit(f"{missing} unions of {args.units} are not in {args.orgs}")
    if args.before:
        with open(args.before, encoding="utf-8") as f:
            before = json.load(f)
        if before.get("as_of") != parse_date(args.as_of).isoformat() or before.get("org_code") != root:
            raise SystemExit(f"{args.before} is not the report of {root} on {args.as_of}")
        by_row = {r["org_code"]: r for r in before.get("rows", [])}
        if [r["org_code"] for r in before.get("rows", [])] != [t["code"] for t in tops]:
            raise SystemExit(f"{args.before} lists other rows than {args.orgs} gives")
        for k, t in enumerate(tops):
            for fig in FIGURES:
                totals[k][fig] += int(by_row[t["code"]].get(fig, 0))
    rows = [finish(t["code"], t["name"], totals[k]) for k, t in enumerate(tops)]
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump({"as_of": parse_date(args.as_of).isoformat(), "org_code": root, "org_name": node["name"], "rows": rows}, f, ensure_ascii=False)
    return 0


# -- DuckDB ---------------------------------------------------------------------------------

def cmd_duckdb(args) -> int:
    import duckdb
    root = check_code(args.org)
    as_of = parse_date(args.as_of)
    d = args.dir
    con = duckdb.connect()
    con.execute(f"""CREATE TEMP VIEW orgs AS SELECT * FROM read_csv('{d}/orgs.csv', header = true, auto_detect = false,
        columns = {{'id': 'BIGINT', 'code': 'VARCHAR', 'name': 'VARCHAR', 'path': 'VARCHAR', 'parent_id': 'BIGINT'}})""")
    con.execute(f"""CREATE TEMP VIEW members AS SELECT * FROM read_csv('{d}/members.csv', header = true, auto_detect = false,
        columns = {{'id': 'BIGINT', 'org_id': 'BIGINT'}})""")
    con.execute(f"""CREATE TEMP VIEW cards AS SELECT * FROM read_csv('{d}/member_cards.csv', header = true, auto_detect = false,
        columns = {{'id': 'BIGINT', 'member_id': 'BIGINT', 'state': 'VARCHAR', 'issued_on': 'DATE', 'activated_on': 'DATE',
                    'last_used_on': 'DATE'}})""")
    con.execute(f"""CREATE TEMP VIEW usage AS SELECT * FROM read_csv('{d}/card_usage.csv', header = true, auto_detect = false,
        columns = {{'card_id': 'BIGINT', 'used_on': 'DATE'}})""")
    con.execute(f"""CREATE TEMP VIEW months AS SELECT * FROM read_csv('{d}/card_usage_months.csv', header = true, auto_detect = false,
        columns = {{'card_id': 'BIGINT', 'month': 'VARCHAR'}})""")
    node = con.execute("SELECT id, code, name, path FROM orgs WHERE code = $root", {"root": root}).fetchone()
    if not node:
        raise SystemExit(f"no org {root} in {d}/orgs.csv")
    node_id, _code, node_name, node_path = node
    children = con.execute("SELECT code, name, path FROM orgs WHERE parent_id = $id ORDER BY code", {"id": node_id}).fetchall()
    # Each org of the node's subtree with the child it lies under (by its path: the node's path
    # and one more segment), NULL for the node itself; then each card with its holder's.
    con.execute("""CREATE TEMP TABLE under AS
        SELECT o.id, CASE WHEN o.path = $p THEN NULL ELSE $p || split_part(substr(o.path, length($p) + 1), '/', 1) || '/' END AS top
        FROM orgs o WHERE starts_with(o.path, $p)""", {"p": node_path})
    con.execute("""CREATE TEMP TABLE holder AS
        SELECT c.id AS card_id, t.top, c.state, c.issued_on, c.activated_on, c.last_used_on
        FROM cards c JOIN members m ON m.id = c.member_id JOIN under t ON t.id = m.org_id""")
    day = as_of
    p = {"a": day, "window": day - datetime.timedelta(days=args.window_days - 1),
         "unactivated": day - datetime.timedelta(days=args.sleep_unactivated_days),
         "unused": day - datetime.timedelta(days=args.sleep_unused_days)}
    fy, fm = add_months(day.year, day.month, -11)
    cards = con.execute("""
        SELECT top, COUNT(*) FILTER (WHERE issued_on <= $a), COUNT(*) FILTER (WHERE activated_on <= $a),
            COUNT(*) FILTER (WHERE (state = 'issued' AND issued_on < $unactivated)
                               OR (state = 'active' AND COALESCE(last_used_on, activated_on) < $unused))
        FROM holder WHERE issued_on IS NOT NULL AND state IN ('issued', 'active', 'cancelled') GROUP BY ALL""",
                        {"a": p["a"], "unactivated": p["unactivated"], "unused": p["unused"]}).fetchall()
    used = con.execute("""
        SELECT h.top, COUNT(*) FROM (SELECT DISTINCT card_id FROM usage WHERE used_on BETWEEN $window AND $a) u
        JOIN holder h ON h.card_id = u.card_id GROUP BY ALL""", {"a": p["a"], "window": p["window"]}).fetchall()
    lasting = con.execute("""
        SELECT h.top, COUNT(*) FROM (SELECT card_id FROM months WHERE month BETWEEN $first AND $last GROUP BY card_id
                                     HAVING COUNT(*) >= $k) u
        JOIN holder h ON h.card_id = u.card_id GROUP BY ALL""",
                          {"first": month_text(fy, fm), "last": month_text(day.year, day.month), "k": args.lasting_months}).fetchall()

    zero = {f: 0 for f in FIGURES}
    tops = {path: dict(zero) for _c, _n, path in children}
    total = dict(zero)

    def add(top, **figures):
        for t in [total] + ([tops[top]] if top in tops else []):
            for f, v in figures.items():
                t[f] += int(v)

    for top, issued, activated, sleeping in cards:
        add(top, issued=issued, activated=activated, sleeping=sleeping)
    for top, n in used:
        add(top, used=n)
    for top, n in lasting:
        add(top, lasting=n)
    rows = [finish(root, node_name, total)] + [finish(c, n, tops[path]) for c, n, path in children]
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump({"as_of": as_of.isoformat(), "org_code": root, "org_name": node_name, "rows": rows}, f, ensure_ascii=False)
    return 0


# -- verify ----------------------------------------------------------------------------------

def cmd_verify(args) -> int:
    with open(args.expected, encoding="utf-8") as f:
        want = json.load(f)
    with open(args.report, encoding="utf-8") as f:
        got = json.load(f)
    problems = []
    figures = 0
    for k in ("as_of", "org_code", "org_name"):
        if want.get(k) != got.get(k):
            problems.append(("report", k, want.get(k), got.get(k)))
    w, g = want.get("rows", []), got.get("rows", [])
    wk, gk = [r["org_code"] for r in w], [r.get("org_code") for r in g]
    if wk != gk:
        problems.append(("rows", "order or set", wk[:8], gk[:8]))
    by_key = {r.get("org_code"): r for r in g}
    for e in w:
        r = by_key.get(e["org_code"])
        if r is None:
            continue
        for f in ["org_name"] + FIGURES + RATES:
            figures += 1
            if e.get(f) != r.get(f):
                problems.append((f"row {e['org_code']}", f, e.get(f), r.get(f)))
    detail = f"{len(g):,} rows; {figures:,} figures compared; {len(problems):,} differences"
    print(f"{args.label}: {detail}", file=sys.stderr)
    for where, what, want_v, got_v in problems[:60]:
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
    ("issuing", "prep", None),
    ("generate", "prep", None),
    ("results", "prep", None),
    ("import", "import", "import_limit"),
    ("import_limit", "limit", None),
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
            if lim and lim["count"]:
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
        out += ["", "Figures compared (the node and each child: name, issued, activated, used, lasting, sleeping and the three "
                    "rates):", ""]
        for label, detail, status in checks:
            out.append(f"- {'OK' if status == 'ok' else 'MISMATCH'} {label}: {detail}")
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.out != "-":
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("# Member service card benchmark (latest run of Benchmarks/card.sh)\n\n" + text)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--issuing", required=True)
    g.add_argument("--as-of", required=True)
    g.add_argument("--rows", type=int, required=True)
    g.add_argument("--results", required=True)
    g.add_argument("--usage", required=True)
    g.add_argument("--units", required=True)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--summary")
    t = sub.add_parser("truth")
    t.add_argument("--units", required=True)
    t.add_argument("--orgs", required=True)
    t.add_argument("--org", required=True)
    t.add_argument("--as-of", required=True)
    t.add_argument("--before")
    t.add_argument("--output", required=True)
    d = sub.add_parser("duckdb")
    d.add_argument("--dir", required=True)
    d.add_argument("--org", required=True)
    d.add_argument("--as-of", required=True)
    d.add_argument("--output", required=True)
    d.add_argument("--window-days", type=int, default=WINDOW_DAYS)
    d.add_argument("--lasting-months", type=int, default=LASTING_MONTHS)
    d.add_argument("--sleep-unactivated-days", type=int, default=SLEEP_UNACTIVATED_DAYS)
    d.add_argument("--sleep-unused-days", type=int, default=SLEEP_UNUSED_DAYS)
    v = sub.add_parser("verify")
    v.add_argument("--expected", required=True)
    v.add_argument("--label", required=True)
    v.add_argument("--checks")
    v.add_argument("report")
    tb = sub.add_parser("table")
    for name in ("meta", "results", "checks", "out"):
        tb.add_argument(name)
    args = ap.parse_args()
    if args.cmd == "generate" and args.rows <= 0:
        raise SystemExit("--rows takes a positive number")
    return {"generate": cmd_generate, "truth": cmd_truth, "duckdb": cmd_duckdb, "verify": cmd_verify, "table": cmd_table}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
