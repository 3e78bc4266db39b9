#!/usr/bin/env python3
"""The data, the baselines, the checks and the table of Benchmarks/nation.sh.

    nation.py provinces --demo DIR [DIR …] --out DIR
        Six (or as many as DIRs) provinces from as many runs of `gonghui demo --output-dir` with
        different seeds, each the demo province HB: in DIR i, every org code's "HB" becomes "P<i>"
        (in orgs.csv: 组织代码 and 上级组织代码; in members.csv: 所属工会代码) and the province's
        name "第<i>省总工会". An ID number (身份证号) already used by an earlier row (of any
        province) is dropped with its row, so the six files hold each person once; the rows are
        otherwise copied byte for byte (the ID numbers stay valid). Writes OUT/P<i>/orgs.csv,
        OUT/P<i>/members.csv and OUT/provinces.json (rows, orgs and dropped duplicates per province).
    nation.py duckdb --data DIR --as-of DATE --today DATE --output FILE
        The national annual report's province rows computed by DuckDB from the generated CSV files
        (reading them included), written as JSON: for each province its root row's figures.
    nation.py verify --expected FILE --key KEY --label TEXT --checks TSV REPORT.json [REPORT.json …]
        Each report's root row (`gonghui report annual --org P<i> --depth 0 --format json`) against
        DuckDB's figures for that province (every province once), with the nation's totals in the
        check's text; every difference printed. Exit 1 on any.
    nation.py check --key KEY --label TEXT --detail TEXT --ok yes|no --checks TSV
        A check made by the shell, recorded with the others.
    nation.py pgbench FILE
        Look-ups per second and latencies from a pgbench log (its summary).
    nation.py table META RESULTS STEPS CHECKS OUT_MD
        The markdown table of a run.
"""
import argparse
import datetime
import json
import os
import re
import statistics
import sys

# The figures of a row, in the report's column order (AnnualReport.columns).
FIGURES = [
    "grassroots_unions", "members", "women_members", "migrant_members",
    "members_fixed_term", "members_open_ended", "members_dispatched", "members_flexible", "members_new_forms",
    "employees", "women_employees", "new_members", "new_unions",
    "workers_congress", "factory_affairs_openness", "women_committees", "funds_audit_committees",
    "mediation_committees", "labor_protection_committees", "collective_contracts", "contract_workers",
]
# 用工形式 in the members file, as the importer reads it (ImportCells.employmentTypes).
EMPLOYMENT_TYPES = {"固定期限": "fixed_term", "无固定期限": "open_ended", "劳务派遣": "dispatched",
                    "灵活就业": "flexible", "新就业形态": "new_forms"}
# The institution figures and the orgs.csv column (是/否) each counts.
INSTITUTIONS = [
    ("workers_congress", "职代会"), ("factory_affairs_openness", "厂务公开"), ("women_committees", "女职工委员会"),
    ("funds_audit_committees", "经费审查委员会"), ("mediation_committees", "劳动争议调解委员会"),
    ("labor_protection_committees", "劳动保护监督检查委员会"),
]
# 组织类型 of the unions that count as grassroots unions (OrgKind grassroots and federation).
UNION_KINDS = ("基层", "联合会")
ORG_COLUMNS = ["组织代码", "组织名称", "上级组织代码", "组织类型", "统一社会信用代码", "行政区划代码", "单位性质", "行业",
               "职工人数", "女职工人数", "农民工人数", "建会日期", "工会主席", "女职工委员会", "经费审查委员会", "职代会",
               "厂务公开", "劳动保护监督检查委员会", "劳动争议调解委员会"]
MEMBER_COLUMNS = ["身份证号", "姓名", "手机号", "所属工会代码", "入会日期", "用工形式", "是否农民工", "会员状态", "民族", "学历", "会员卡号"]


def parse_date(text: str) -> datetime.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise SystemExit(f"not a date (YYYY-MM-DD): {text}")
    return datetime.date.fromisoformat(text)


def membership_rate(members: int, employees: int):
    """AnnualFigures.membershipRate: members ÷ employees to 4 decimals, half up, integer arithmetic."""
    if employees <= 0:
        return None
    scaled = (members * 100_000 // employees + 5) // 10
    return f"{scaled // 10_000}.{scaled % 10_000:04d}"


# -- the provinces ----------------------------------------------------------------

def recode(code: str, prefix: str) -> str:
    if not code:
        return code
    if not code.startswith("HB"):
        raise SystemExit(f"an org code of the demo that does not start with HB: {code!r}")
    return prefix + code[2:]


def cmd_provinces(args) -> int:
    import csv
    import numpy as np
    os.makedirs(args.out, exist_ok=True)
    codes = [f"P{i + 1}" for i in range(len(args.demo))]

    # Pass 1: every ID number's first 17 digits (the 18th is their check character), file by file.
    keys = []
    for d in args.demo:
        k = []
        with open(os.path.join(d, "members.csv"), encoding="utf-8-sig", newline="") as f:
            header = f.readline().rstrip("\r\n").split(",")
            if header != MEMBER_COLUMNS:
                raise SystemExit(f"{d}/members.csv: unexpected header {header}")
            for line in f:
                cell = line.split(",", 1)[0].strip('"\t ')
                if len(cell) != 18 or not cell[:17].isdigit():
                    raise SystemExit(f"{d}/members.csv: not an ID number: {cell!r}")
                k.append(int(cell[:17]))
        keys.append(np.array(k, dtype=np.int64))
    allkeys = np.concatenate(keys)
    _, first = np.unique(allkeys, return_index=True)
    keep = np.zeros(len(allkeys), dtype=bool)
    keep[first] = True
    del allkeys, first

    summary = {"provinces": []}
    offset = 0
    for i, (d, code) in enumerate(zip(args.demo, codes)):
        out_dir = os.path.join(args.out, code)
        os.makedirs(out_dir, exist_ok=True)
        # orgs.csv: the codes and the province's name; the csv module, as names may hold commas.
        orgs = 0
        unions = 0
        with open(os.path.join(d, "orgs.csv"), encoding="utf-8-sig", newline="") as src, \
             open(os.path.join(out_dir, "orgs.csv"), "w", encoding="utf-8-sig", newline="") as dst:
            r = csv.reader(src)
            w = csv.writer(dst, lineterminator="\r\n")
            header = next(r)
            if header != ORG_COLUMNS:
                raise SystemExit(f"{d}/orgs.csv: unexpected header {header}")
            w.writerow(header)
            for row in r:
                row[0] = recode(row[0], code)
                row[2] = recode(row[2], code)
                if not row[2]:
                    row[1] = f"第{i + 1}省总工会"
                unions += row[3] in UNION_KINDS
                orgs += 1
                w.writerow(row)
        # members.csv: only the union's code changes; the other bytes are copied as they are.
        mine = keep[offset:offset + len(keys[i])]
        offset += len(keys[i])
        written = 0
        with open(os.path.join(d, "members.csv"), encoding="utf-8-sig", newline="") as src, \
             open(os.path.join(out_dir, "members.csv"), "w", encoding="utf-8-sig", newline="") as dst:
            dst.write(src.readline())
            for n, line in enumerate(src):
                if not mine[n]:
                    continue
                parts = line.split(",", 4)
                if len(parts) != 5 or '"' in parts[1] or '"' in parts[3]:
                    raise SystemExit(f"{d}/members.csv line {n + 2}: unexpected layout")
                parts[3] = recode(parts[3], code)
                dst.write(",".join(parts))
                written += 1
        dropped = int(len(keys[i]) - mine.sum())
        summary["provinces"].append({"code": code, "demo": d, "orgs": orgs, "unions": unions,
                                     "members": written, "dropped_duplicates": dropped})
        print(f"{code}: {orgs:,} orgs, {written:,} members ({dropped:,} duplicate ID numbers dropped)", file=sys.stderr)
    summary["members"] = sum(p["members"] for p in summary["provinces"])
    summary["orgs"] = sum(p["orgs"] for p in summary["provinces"])
    summary["dropped_duplicates"] = sum(p["dropped_duplicates"] for p in summary["provinces"])
    with open(os.path.join(args.out, "provinces.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False, indent=1)
    return 0


# -- DuckDB: the province rows from the files --------------------------------------

def cmd_duckdb(args) -> int:
    import duckdb
    d = parse_date(args.as_of)
    today = parse_date(args.today)
    y = datetime.date(d.year, 1, 1)
    with open(os.path.join(args.data, "provinces.json"), encoding="utf-8") as f:
        codes = [p["code"] for p in json.load(f)["provinces"]]

    def src(code, name, columns):
        path = os.path.join(args.data, code, name).replace("'", "''")
        types = ", ".join(f"'{c}': 'VARCHAR'" for c in columns)
        return (f"SELECT '{code}' AS prov, * FROM read_csv('{path}', header = true, auto_detect = false, "
                f"delim = ',', quote = '\"', columns = {{{types}}})")

    D, Y = f"DATE '{d.isoformat()}'", f"DATE '{y.isoformat()}'"
    # In good standing on the date: the importer gives every member an active period from joining,
    # ended on the day of the import (its `today`) for one whose status is not 在会. So before
    # that day every member who had joined counts; from that day on, those in 在会 only.
    standing = "TRUE" if d < today else "status IN ('在会', '')"
    types = ",\n".join(f"count(*) FILTER (WHERE type = '{label}') AS members_{key}" for label, key in EMPLOYMENT_TYPES.items())
    members = " UNION ALL ".join(src(c, "members.csv", MEMBER_COLUMNS) for c in codes)
    orgs = " UNION ALL ".join(src(c, "orgs.csv", ORG_COLUMNS) for c in codes)
    inst = ",\n".join(f"count(*) FILTER (WHERE u AND \"{column}\" = '是') AS {figure}" for figure, column in INSTITUTIONS)
    con = duckdb.connect()
    rows = con.execute(f"""
        WITH m AS (
            SELECT prov, trim("身份证号", chr(9) || ' ') AS idn, CAST("入会日期" AS DATE) AS joined,
                   "用工形式" AS type, "是否农民工" = '是' AS migrant, coalesce(trim("会员状态"), '') AS status
            FROM ({members})),
        mem AS (
            SELECT prov, count(*) AS members,
                   count(*) FILTER (WHERE CAST(substr(idn, 17, 1) AS INTEGER) % 2 = 0) AS women_members,
                   count(*) FILTER (WHERE migrant) AS migrant_members,
                   {types},
                   count(*) FILTER (WHERE joined >= {Y}) AS new_members
            FROM m WHERE joined <= {D} AND {standing}
            GROUP BY prov),
        o AS (
            SELECT *, "组织类型" IN {UNION_KINDS} AND (founded IS NULL OR founded <= {D}) AS u
            FROM (SELECT *, TRY_CAST("建会日期" AS DATE) AS founded FROM ({orgs}))),
        org AS (
            SELECT prov, count(*) FILTER (WHERE u) AS grassroots_unions,
                   coalesce(sum(coalesce(TRY_CAST("职工人数" AS BIGINT), 0)) FILTER (WHERE u), 0) AS employees,
                   coalesce(sum(coalesce(TRY_CAST("女职工人数" AS BIGINT), 0)) FILTER (WHERE u), 0) AS women_employees,
                   count(*) FILTER (WHERE u AND founded >= {Y}) AS new_unions,
                   {inst}
            FROM o GROUP BY prov)
        SELECT org.prov, mem.* EXCLUDE (prov), org.* EXCLUDE (prov)
        FROM org LEFT JOIN mem ON mem.prov = org.prov ORDER BY org.prov
        """)
    names = [c[0] for c in rows.description]
    result = {"asOf": d.isoformat(), "today": today.isoformat(), "provinces": {}}
    for r in rows.fetchall():
        rec = dict(zip(names, r))
        figures = {f: int(rec.get(f) or 0) for f in FIGURES}   # no collective contracts in the files: 0
        result["provinces"][rec["prov"]] = figures
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
    return 0


# -- the checks ----------------------------------------------------------------------

def add_check(path, key, label, detail, ok):
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write("\t".join([key, label, detail, "ok" if ok else "mismatch"]) + "\n")


def cmd_verify(args) -> int:
    with open(args.expected, encoding="utf-8") as f:
        expected = json.load(f)
    want = expected["provinces"]
    problems = []
    got = {}
    for path in args.reports:
        try:
            with open(path, encoding="utf-8") as f:
                report = json.load(f)
        except (OSError, ValueError) as e:
            problems.append(("-", "report", "a JSON file", f"{path}: {e}"))
            continue
        if report.get("asOf") != expected["asOf"]:
            problems.append(("-", "asOf", expected["asOf"], report.get("asOf")))
        rows = report.get("rows") or []
        if not rows:
            problems.append(("-", "rows", "the province's row", f"none in {path}"))
            continue
        got[rows[0]["orgCode"]] = rows[0]
    for code in sorted(set(want) | set(got)):
        if code not in got:
            problems.append((code, "row", "reported", "missing"))
            continue
        if code not in want:
            problems.append((code, "row", "not a province of the files", "reported"))
            continue
        row, e = got[code], want[code]
        if row.get("level") != 0 or row.get("kind") != "province":
            problems.append((code, "level, kind", "0, province", f"{row.get('level')}, {row.get('kind')}"))
        for f in FIGURES:
            if row["figures"].get(f) != e[f]:
                problems.append((code, f, e[f], row["figures"].get(f)))
        rate = membership_rate(e["members"], e["employees"])
        if row.get("membershipRate") != rate:
            problems.append((code, "membership_rate", rate, row.get("membershipRate")))
    nation = {f: sum(p[f] for p in want.values()) for f in FIGURES}
    detail = (f"{len(got)} province rows × {len(FIGURES)} figures and the membership rate, as of {expected['asOf']}: "
              f"{len(problems)} differences (the nation: {nation['members']:,} members, {nation['women_members']:,} women, "
              f"{nation['migrant_members']:,} migrant workers, {nation['grassroots_unions']:,} grassroots unions, "
              f"{nation['employees']:,} employees)")
    print(f"{args.label}: {detail}", file=sys.stderr)
    for code, what, w, g in problems[:40]:
        print(f"  {code} {what}: expected {w!r}, got {g!r}", file=sys.stderr)
    if len(problems) > 40:
        print(f"  … and {len(problems) - 40} more", file=sys.stderr)
    add_check(args.checks, args.key, args.label, detail, not problems)
    return 0 if not problems else 1


def cmd_check(args) -> int:
    """A check the shell made: recorded as it is."""
    add_check(args.checks, args.key, args.label, args.detail, args.ok == "yes")
    return 0


def cmd_pgbench(args) -> int:
    """count, seconds (count ÷ tps), mean latency in ms and failed transactions, from pgbench's summary."""
    text = open(args.log, encoding="utf-8", errors="replace").read()
    count = re.search(r"number of transactions actually processed: (\d+)", text)
    tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text)
    lat = re.search(r"latency average = ([0-9.]+) ms", text)
    failed = re.search(r"number of failed transactions: (\d+)", text)
    if not (count and tps and lat):
        print(f"no pgbench summary in {args.log}", file=sys.stderr)
        return 1
    n, t = int(count.group(1)), float(tps.group(1))
    print(f"{n}\t{n / t:.3f}\t{lat.group(1)}\t{failed.group(1) if failed else 0}")
    return 0


# -- the table ---------------------------------------------------------------------

# key, what it is compared with (None: a baseline), how the ratio is taken, unit of the rate
ROWS = [
    ("import_nation", "import_copy", "rate", "rows/s"),
    ("import_single", "import_copy", "rate", "rows/s"),
    ("import_copy", None, "rate", "rows/s"),
    ("report_ye_nation", "duckdb_ye", "seconds", None),
    ("report_ye_single", "duckdb_ye", "seconds", None),
    ("duckdb_ye", None, "seconds", None),
    ("report_day_nation", "duckdb_day", "seconds", None),
    ("report_day_single", "duckdb_day", "seconds", None),
    ("duckdb_day", None, "seconds", None),
    ("lookup_nation", "lookup_single", "rate", "look-ups/s"),
    ("lookup_single", None, "rate", "look-ups/s"),
    ("move_nation", "move_copy", "rate", "rows/s"),
    ("move_copy", None, "rate", "rows/s"),
]

# How a baseline is named in the rows compared with it.
SHORT = {
    "import_copy": "psql \\copy ×6 into one instance",
    "duckdb_ye": "DuckDB over the CSV files",
    "duckdb_day": "DuckDB over the CSV files",
    "lookup_single": "the same look-up on one instance",
    "move_copy": "psql \\copy out of shard 1 and into shard 2",
}


def read_tsv(path, width):
    rows = []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line:
                    parts = line.split("\t")
                    rows.append(parts + ["-"] * (width - len(parts)))
    return rows


def cmd_table(args) -> int:
    meta = dict((k, v) for k, v in read_tsv(args.meta, 2))
    runs, whats = {}, {}
    for key, what, _run, count, seconds, rss, status in read_tsv(args.results, 7):
        whats.setdefault(key, what)
        runs.setdefault(key, []).append((count, seconds, rss, status))
    checks = {}
    for key, label, detail, status in read_tsv(args.checks, 4):
        checks.setdefault(key, []).append((label, detail, status))

    def summary(key):
        rs = runs.get(key)
        if not rs:
            return None
        bad = [r[3] for r in rs if r[3] != "ok"]
        if bad:
            return {"error": bad[0]}
        secs = [float(r[1]) for r in rs]
        count = rs[-1][0]
        rss = [float(r[2]) for r in rs if r[2] not in ("", "-")]
        s = statistics.median(secs)
        n = None if count in ("", "-") else int(count)
        return {"seconds": s, "all": secs, "count": n, "rate": (n / s if n is not None and s > 0 else None),
                "rss_mib": max(rss) / 1024 if rss else None}

    out = [f"Measured {meta.get('date', '?')} on {meta.get('machine', '?')}.", ""]
    for k in ("scale", "versions", "data", "settings"):
        if k in meta:
            out += [meta[k], ""]
    out.append("| what | rows | seconds | rate | peak RSS MiB | compared with | ratio | figures equal |")
    out.append("| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |")
    missing = 0
    for key, base, how, unit in ROWS:
        if key not in whats:
            continue
        s = summary(key)
        what = whats[key]
        cs = checks.get(key, [])
        equal = "–" if not cs else ("yes" if all(c[2] == "ok" for c in cs) else "no")
        if "error" in s:
            missing += 1
            out.append(f"| {what} | – | – | – | – | – | – | {s['error']} |")
            continue
        secs = f"{s['seconds']:.3f}" if len(s["all"]) == 1 else \
            f"{s['seconds']:.3f} (median of {', '.join(f'{x:.3f}' for x in s['all'])})"
        rate = "–" if s["rate"] is None or unit is None else f"{s['rate']:,.0f} {unit}"
        rows = "–" if s["count"] is None else f"{s['count']:,}"
        rss = "–" if s["rss_mib"] is None else f"{s['rss_mib']:,.0f}"
        if base is None:
            compared, ratio = "(baseline)", "1"
        else:
            b = summary(base)
            bwhat = SHORT.get(base, base)
            if b is None or "error" in b:
                compared, ratio = f"{bwhat}: not measured", "–"
            elif how == "rate":
                compared = f"{bwhat} (rate ÷ its rate)"
                ratio = "–" if not s["rate"] or not b["rate"] else f"{s['rate'] / b['rate']:.3f}"
            else:
                compared = f"{bwhat} (seconds ÷ its seconds)"
                ratio = f"{s['seconds'] / b['seconds']:.2f}" if b["seconds"] > 0 else "–"
        out.append(f"| {what} | {rows} | {secs} | {rate} | {rss} | {compared} | {ratio} | {equal} |")
    all_checks = read_tsv(args.checks, 4)
    if all_checks:
        out += ["", "Checks:", ""]
        for _key, label, detail, status in all_checks:
            out.append(f"- {'OK' if status == 'ok' else 'MISMATCH'} {label}: {detail}")
    steps = read_tsv(args.steps, 3)
    if steps:
        out += ["", "Preparation and other steps (not compared): " + "; ".join(
            f"{what} {float(sec):,.1f} s" if status == "ok" else f"{what}: {status}" for what, sec, status in steps) + "."]
    for k in ("notes", "disk"):
        if k in meta:
            out += ["", meta[k]]
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.out != "-":
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("# A nation on PostgreSQL (latest run of Benchmarks/nation.sh)\n\n" + text)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("provinces")
    p.add_argument("--demo", nargs="+", required=True)
    p.add_argument("--out", required=True)
    d = sub.add_parser("duckdb")
    d.add_argument("--data", required=True)
    d.add_argument("--as-of", required=True)
    d.add_argument("--today", required=True)
    d.add_argument("--output", required=True)
    v = sub.add_parser("verify")
    v.add_argument("--expected", required=True)
    v.add_argument("--key", required=True)
    v.add_argument("--label", required=True)
    v.add_argument("--checks")
    v.add_argument("reports", nargs="+")
    c = sub.add_parser("check")
    for name in ("--key", "--label", "--detail", "--checks"):
        c.add_argument(name, required=True)
    c.add_argument("--ok", choices=["yes", "no"], required=True)
    g = sub.add_parser("pgbench")
    g.add_argument("log")
    t = sub.add_parser("table")
    for name in ("meta", "results", "steps", "checks", "out"):
        t.add_argument(name)
    args = ap.parse_args()
    return {"provinces": cmd_provinces, "duckdb": cmd_duckdb, "verify": cmd_verify, "check": cmd_check,
            "pgbench": cmd_pgbench, "table": cmd_table}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
