#!/usr/bin/env python3
"""The baselines of Benchmarks/annual.sh, the check of the report's figures, and the table.

    annual.py export  --db SQLITE --out DIR
        The tables the annual report reads, from the SQLite database to DIR/csv/*.csv (the
        sqlite3 shell) and DIR/parquet/*.parquet (DuckDB, with column types). Not timed.
    annual.py duckdb  --data DIR --source parquet|csv --org CODE --as-of DATE --output FILE
    annual.py pandas  --data DIR --org CODE --as-of DATE --output FILE
        The report's full roll-up computed from the exported files, reading them included: every
        node of the subtree of CODE on DATE with its subtree's figures, written to FILE (Parquet).
    annual.py verify  --expected FILE --as-of DATE --label TEXT [--checks TSV] REPORT
        Compares REPORT (the JSON of `gonghui report annual --depth all`, or another baseline's
        Parquet file) with the baseline FILE: rows, their order and every figure. Prints each
        difference; exits 1 when there is one.
    annual.py rows    FILE
        The rows in a report's JSON or a baseline's Parquet file.
    annual.py table   META RESULTS STEPS CHECKS OUT_MD   (OUT_MD `-`: print only)
        The markdown table of a run.

The figures are those of Sources/GonghuiStore/Statistics/AnnualReport.swift, computed
independently: a node's own part is its memberships in good standing on the date (member_periods,
where the member was that day), and, when it is a grassroots union or federation active on the
date, the union itself with its employees, institutions and contracts in force; a node's figures
are the sum of the own parts of its subtree as the tree stood on the date (org_events moves after
the date undone). A row is listed when every node on the way down to it is active on the date or
has members in its subtree.
"""
import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys

# The figures of a row, in the report's column order (AnnualReport.columns).
FIGURES = [
    "grassroots_unions", "members", "women_members", "migrant_members",
    "members_fixed_term", "members_open_ended", "members_dispatched", "members_flexible", "members_new_forms",
    "employees", "women_employees", "new_members", "new_unions",
    "workers_congress", "factory_affairs_openness", "women_committees", "funds_audit_committees",
    "mediation_committees", "labor_protection_committees", "collective_contracts", "contract_workers",
]
EMPLOYMENT_TYPES = ["fixed_term", "open_ended", "dispatched", "flexible", "new_forms"]
# Institution figures and the orgs column each counts.
INSTITUTIONS = [
    ("workers_congress", "workers_congress"), ("factory_affairs_openness", "factory_affairs_openness"),
    ("women_committees", "women_committee"), ("funds_audit_committees", "funds_audit_committee"),
    ("mediation_committees", "mediation_committee"), ("labor_protection_committees", "labor_protection_committee"),
]
UNION_KINDS = ("grassroots", "federation")

# What is exported: per table, the columns the report reads and their types. Nothing is joined
# or filtered on the way: the files hold the registry's tables as they are.
TABLES = {
    "orgs": [
        ("id", "BIGINT"), ("province_id", "BIGINT"), ("parent_id", "BIGINT"), ("code", "VARCHAR"), ("name", "VARCHAR"),
        ("kind", "VARCHAR"), ("founded_on", "DATE"), ("ended_on", "DATE"), ("employees", "BIGINT"),
        ("women_employees", "BIGINT")] + [(column, "BOOLEAN") for _, column in INSTITUTIONS],
    "org_events": [
        ("id", "BIGINT"), ("province_id", "BIGINT"), ("org_id", "BIGINT"), ("kind", "VARCHAR"), ("on_date", "DATE"),
        ("from_parent_id", "BIGINT")],
    "members": [
        ("id", "BIGINT"), ("gender", "VARCHAR"), ("is_migrant", "BOOLEAN"), ("employment_type", "VARCHAR"),
        ("joined_on", "DATE")],
    "member_periods": [
        ("province_id", "BIGINT"), ("member_id", "BIGINT"), ("org_id", "BIGINT"), ("status", "VARCHAR"),
        ("valid_from", "DATE"), ("valid_to", "DATE")],
    "collective_contracts": [
        ("province_id", "BIGINT"), ("org_id", "BIGINT"), ("valid_from", "DATE"), ("valid_to", "DATE"),
        ("workers_covered", "BIGINT")],
}


def parse_date(text: str) -> datetime.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise SystemExit(f"not a date (YYYY-MM-DD): {text}")
    return datetime.date.fromisoformat(text)


def check_code(code: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]+", code):
        raise SystemExit(f"not an org code: {code}")
    return code


def membership_rate(members: int, employees: int):
    """AnnualFigures.membershipRate: members ÷ employees to 4 decimals, half up, integer arithmetic."""
    if employees <= 0:
        return None
    scaled = (members * 100_000 // employees + 5) // 10
    return f"{scaled // 10_000}.{scaled % 10_000:04d}"


# -- export -------------------------------------------------------------------

def cmd_export(args) -> int:
    import duckdb
    csv_dir = os.path.join(args.out, "csv")
    pq_dir = os.path.join(args.out, "parquet")
    os.makedirs(csv_dir, exist_ok=True)
    os.makedirs(pq_dir, exist_ok=True)
    con = duckdb.connect()
    for table, columns in TABLES.items():
        csv_path = os.path.join(csv_dir, f"{table}.csv")
        query = f"SELECT {', '.join(c for c, _ in columns)} FROM {table}"
        with open(csv_path, "wb") as f:
            subprocess.run(["sqlite3", "-bail", "-readonly", "-csv", "-header", args.db, query], stdout=f, check=True)
        if os.path.getsize(csv_path) == 0:
            # The shell writes no header for an empty result.
            with open(csv_path, "w", encoding="utf-8") as f:
                f.write(",".join(c for c, _ in columns) + "\n")
        pq_path = os.path.join(pq_dir, f"{table}.parquet")
        con.execute(f"COPY (SELECT * FROM {csv_source(csv_path, columns)}) TO '{pq_path}' (FORMAT parquet)")
        rows = con.execute(f"SELECT count(*) FROM '{pq_path}'").fetchone()[0]
        print(f"{table}: {rows:,} rows, CSV {os.path.getsize(csv_path) / 2**20:,.1f} MiB, "
              f"Parquet {os.path.getsize(pq_path) / 2**20:,.1f} MiB", file=sys.stderr)
    return 0


def csv_source(path: str, columns) -> str:
    types = ", ".join(f"'{c}': '{t}'" for c, t in columns)
    return f"read_csv('{path}', header = true, auto_detect = false, columns = {{{types}}})"


# -- DuckDB ---------------------------------------------------------------------

def cmd_duckdb(args) -> int:
    import duckdb
    d = parse_date(args.as_of)
    y = datetime.date(d.year, 1, 1)
    org = check_code(args.org)

    def src(table):
        if args.source == "csv":
            return csv_source(os.path.join(args.data, "csv", f"{table}.csv"), TABLES[table])
        return f"read_parquet('{os.path.join(args.data, 'parquet', table + '.parquet')}')"

    con = duckdb.connect()
    found = con.execute(f"SELECT id, coalesce(province_id, id) FROM {src('orgs')} WHERE code = '{org}'").fetchone()
    if found is None:
        raise SystemExit(f"no org {org}")
    root, prov = found
    D, Y = f"DATE '{d.isoformat()}'", f"DATE '{y.isoformat()}'"
    flags = ", ".join(f"o.{c}" for _, c in INSTITUTIONS)
    # The tree on the date: the first move after the date gives the parent the org had that day.
    con.execute(f"""
        CREATE TEMP TABLE tree AS
        WITH mv AS (
            SELECT org_id, first(from_parent_id ORDER BY on_date, id) AS parent_on_date
            FROM {src('org_events')}
            WHERE kind = 'moved' AND on_date > {D} AND province_id = {prov}
            GROUP BY org_id)
        SELECT o.id, o.code, o.name, o.kind,
               CASE WHEN mv.org_id IS NULL THEN o.parent_id ELSE mv.parent_on_date END AS parent_id,
               (o.founded_on IS NULL OR o.founded_on <= {D}) AND (o.ended_on IS NULL OR o.ended_on > {D}) AS active,
               o.founded_on, o.employees, o.women_employees, {flags}
        FROM {src('orgs')} o LEFT JOIN mv ON mv.org_id = o.id
        WHERE coalesce(o.province_id, o.id) = {prov}
        """)
    types = ",\n".join(f"count(*) FILTER (WHERE m.employment_type = '{t}') AS members_{t}" for t in EMPLOYMENT_TYPES)
    union = "t.active AND t.kind IN ('grassroots', 'federation')"
    inst = ",\n".join(f"CASE WHEN {union} AND t.{c} THEN 1 ELSE 0 END AS {f}" for f, c in INSTITUTIONS)
    # Each node's own part.
    con.execute(f"""
        CREATE TEMP TABLE own AS
        WITH mem AS (
            SELECT p.org_id AS id, count(*) AS members,
                   count(*) FILTER (WHERE m.gender = 'female') AS women_members,
                   count(*) FILTER (WHERE m.is_migrant) AS migrant_members,
                   {types},
                   count(*) FILTER (WHERE m.joined_on >= {Y}) AS new_members
            FROM {src('member_periods')} p JOIN {src('members')} m ON m.id = p.member_id
            WHERE p.status = 'active' AND p.valid_from <= {D} AND (p.valid_to IS NULL OR p.valid_to > {D})
              AND p.province_id = {prov}
            GROUP BY p.org_id),
        con AS (
            SELECT org_id AS id, count(*) AS collective_contracts, sum(workers_covered) AS contract_workers
            FROM {src('collective_contracts')}
            WHERE valid_from <= {D} AND (valid_to IS NULL OR valid_to >= {D}) AND province_id = {prov}
            GROUP BY org_id)
        SELECT t.id,
               CASE WHEN {union} THEN 1 ELSE 0 END AS grassroots_unions,
               coalesce(mem.members, 0) AS members, coalesce(mem.women_members, 0) AS women_members,
               coalesce(mem.migrant_members, 0) AS migrant_members,
               {", ".join(f"coalesce(mem.members_{t}, 0) AS members_{t}" for t in EMPLOYMENT_TYPES)},
               CASE WHEN {union} THEN t.employees ELSE 0 END AS employees,
               CASE WHEN {union} THEN t.women_employees ELSE 0 END AS women_employees,
               coalesce(mem.new_members, 0) AS new_members,
               CASE WHEN {union} AND t.founded_on >= {Y} THEN 1 ELSE 0 END AS new_unions,
               {inst},
               CASE WHEN t.active THEN coalesce(con.collective_contracts, 0) ELSE 0 END AS collective_contracts,
               CASE WHEN t.active THEN coalesce(con.contract_workers, 0) ELSE 0 END AS contract_workers
        FROM tree t LEFT JOIN mem ON mem.id = t.id LEFT JOIN con ON con.id = t.id
        """)
    sums = ", ".join(f"CAST(sum(own.{f}) AS BIGINT) AS {f}" for f in FIGURES)
    out = args.output.replace("'", "''")
    # Subtree sums over the closure (node, each of its ancestors on the date, itself included).
    con.execute(f"""
        COPY (
            WITH RECURSIVE anc(node, anc) AS (
                SELECT id, id FROM tree
                UNION ALL
                SELECT a.node, t.parent_id FROM anc a JOIN tree t ON t.id = a.anc WHERE t.parent_id IS NOT NULL),
            tot AS (SELECT a.anc AS id, {sums} FROM anc a JOIN own ON own.id = a.node GROUP BY a.anc)
            SELECT t.code AS org_code, t.name AS org_name, t.kind, p.code AS parent_code, t.active,
                   {", ".join(f"tot.{f}" for f in FIGURES)}
            FROM tree t JOIN tot ON tot.id = t.id LEFT JOIN tree p ON p.id = t.parent_id
            WHERE t.id IN (SELECT node FROM anc WHERE anc = {root})
            ORDER BY t.code
        ) TO '{out}' (FORMAT parquet)
        """)
    return 0


# -- pandas ---------------------------------------------------------------------

def cmd_pandas(args) -> int:
    import numpy as np
    import pandas as pd
    d = pd.Timestamp(parse_date(args.as_of))
    y = pd.Timestamp(datetime.date(d.year, 1, 1))
    org = check_code(args.org)

    def read(table):
        # Dates as datetime64, not Python objects.
        return pd.read_parquet(os.path.join(args.data, "parquet", f"{table}.parquet"),
                               to_pandas_kwargs={"date_as_object": False})

    orgs = read("orgs")
    root_row = orgs.loc[orgs["code"] == org]
    if root_row.empty:
        raise SystemExit(f"no org {org}")
    root = int(root_row["id"].iloc[0])
    prov = int(root_row["province_id"].fillna(root_row["id"]).iloc[0])

    # The tree on the date.
    tree = orgs.loc[orgs["province_id"].fillna(orgs["id"]) == prov].set_index("id")
    ev = read("org_events")
    moves = ev.loc[(ev["kind"] == "moved") & (ev["on_date"] > d) & (ev["province_id"] == prov)]
    first_moves = moves.sort_values(["on_date", "id"]).drop_duplicates("org_id").set_index("org_id")["from_parent_id"]
    parent = tree["parent_id"].copy()
    moved = parent.index.isin(first_moves.index)
    parent[moved] = first_moves.reindex(parent.index[moved]).to_numpy()
    active = ((tree["founded_on"].isna() | (tree["founded_on"] <= d))
              & (tree["ended_on"].isna() | (tree["ended_on"] > d)))
    union = active & tree["kind"].isin(UNION_KINDS)

    # Own parts: memberships in good standing on the date, where the member was.
    p = read("member_periods")
    p = p.loc[(p["status"] == "active") & (p["valid_from"] <= d)
              & (p["valid_to"].isna() | (p["valid_to"] > d)) & (p["province_id"] == prov), ["member_id", "org_id"]]
    m = read("members")
    j = p.merge(m, left_on="member_id", right_on="id", how="inner")
    ind = pd.DataFrame({
        "org_id": j["org_id"],
        "members": 1,
        "women_members": j["gender"].eq("female"),
        "migrant_members": j["is_migrant"],
        **{f"members_{t}": j["employment_type"].eq(t) for t in EMPLOYMENT_TYPES},
        "new_members": j["joined_on"] >= y,
    })
    del p, m, j
    mem = ind.groupby("org_id").sum()
    del ind

    c = read("collective_contracts")
    c = c.loc[(c["valid_from"] <= d) & (c["valid_to"].isna() | (c["valid_to"] >= d)) & (c["province_id"] == prov)]
    con = c.groupby("org_id").agg(collective_contracts=("workers_covered", "size"),
                                  contract_workers=("workers_covered", "sum"))

    own = pd.DataFrame(0, index=tree.index, columns=FIGURES, dtype="int64")
    own.loc[:, mem.columns] = mem.reindex(tree.index, fill_value=0).astype("int64")
    own["grassroots_unions"] = union.astype("int64")
    own["employees"] = tree["employees"].where(union, 0)
    own["women_employees"] = tree["women_employees"].where(union, 0)
    own["new_unions"] = (union & (tree["founded_on"] >= y)).astype("int64")
    for figure, column in INSTITUTIONS:
        own[figure] = (union & tree[column]).astype("int64")
    con = con.reindex(tree.index, fill_value=0)
    own["collective_contracts"] = con["collective_contracts"].where(active, 0)
    own["contract_workers"] = con["contract_workers"].where(active, 0)

    # Depth of every node and whether the root is on its way up.
    depth = pd.Series(0, index=tree.index)
    under = pd.Series(tree.index == root, index=tree.index)
    up = parent.copy()
    while up.notna().any():
        has = up.notna() & up.isin(tree.index)
        depth += has.astype("int64")
        under |= up.eq(root)
        up = up.where(has).map(parent)

    # Subtree sums, deepest level first.
    total = own.copy()
    parent_of = parent.where(parent.isin(tree.index))
    for level in range(int(depth.max()), 0, -1):
        at = depth.index[depth.to_numpy() == level]
        sums = total.loc[at].groupby(parent_of.loc[at]).sum()
        sums.index = sums.index.astype("int64")
        total.loc[sums.index] += sums

    out = pd.DataFrame({
        "org_code": tree["code"], "org_name": tree["name"], "kind": tree["kind"],
        "parent_code": parent_of.map(tree["code"]), "active": active,
    }).join(total)
    out = out.loc[under.to_numpy()].sort_values("org_code")
    out.to_parquet(args.output, index=False)
    return 0


# -- verify ---------------------------------------------------------------------

def load_frame(path: str) -> dict:
    import pyarrow.parquet as pq
    table = pq.read_table(path).to_pylist()
    return {r["org_code"]: r for r in table}


def expected_rows(nodes: dict, root: str) -> list:
    """The report's rows below `root`, depth all: each child after its parent, by code."""
    children = {}
    for code, r in nodes.items():
        children.setdefault(r["parent_code"], []).append(code)
    rows = []

    def kids(code):
        return sorted(k for k in children.get(code, [])
                      if nodes[k]["active"] or nodes[k]["members"] > 0)

    stack = [(root, 0)]
    while stack:
        code, level = stack.pop()
        ks = kids(code)
        rows.append((code, level, ks))
        stack.extend((k, level + 1) for k in reversed(ks))
    return rows


def cmd_verify(args) -> int:
    expected = load_frame(args.expected)
    problems = []          # (code, what, expected, got), every difference found
    counts = {"figures": 0, "missing": 0, "extra": 0, "other": 0}

    def differ(category, code, what, want, got):
        counts[category] += 1
        problems.append((code, what, want, got))

    if args.report.endswith(".json"):
        with open(args.report, encoding="utf-8") as f:
            report = json.load(f)
        if report.get("asOf") != args.as_of:
            differ("other", "-", "asOf", args.as_of, report.get("asOf"))
        got_rows = report["rows"]
        root = got_rows[0]["orgCode"] if got_rows else None
        if root not in expected:
            raise SystemExit(f"{args.label}: the report's first row {root!r} is not in {args.expected}")
        want = expected_rows(expected, root)
        got_codes = [r["orgCode"] for r in got_rows]
        want_codes = [w[0] for w in want]
        for code in sorted(set(want_codes) - set(got_codes)):
            differ("missing", code, "row", "listed", "missing")
        for code in sorted(set(got_codes) - set(want_codes)):
            differ("extra", code, "row", "not listed", "listed")
        common = set(got_codes) & set(want_codes)
        got_order = [c for c in got_codes if c in common]
        want_order = [c for c in want_codes if c in common]
        if got_order != want_order:
            i = next(i for i, (a, b) in enumerate(zip(got_order, want_order)) if a != b)
            differ("other", got_order[i], "row order (first out of place)", want_order[i], got_order[i])
        by_code = {w[0]: w for w in want}
        for r in got_rows:
            code = r["orgCode"]
            if code not in by_code:
                continue
            e, (_, level, kids) = expected[code], by_code[code]
            if r["level"] != level:
                differ("other", code, "level", level, r["level"])
            if r["hasChildren"] != bool(kids):
                differ("other", code, "hasChildren", bool(kids), r["hasChildren"])
            if level > 0 and r.get("parentCode") != e["parent_code"]:
                differ("other", code, "parentCode", e["parent_code"], r.get("parentCode"))
            if r["kind"] != e["kind"]:
                differ("other", code, "kind", e["kind"], r["kind"])
            for f in FIGURES:
                if r["figures"].get(f) != e[f]:
                    differ("figures", code, f, e[f], r["figures"].get(f))
            rate = membership_rate(e["members"], e["employees"])
            if r.get("membershipRate") != rate:
                differ("figures", code, "membership_rate", rate, r.get("membershipRate"))
        compared = len(got_rows)
    else:
        got = load_frame(args.report)
        for code in sorted(set(expected) - set(got)):
            differ("missing", code, "row", "present", "missing")
        for code in sorted(set(got) - set(expected)):
            differ("extra", code, "row", "absent", "present")
        for code in sorted(set(expected) & set(got)):
            e, g = expected[code], got[code]
            for f in ["parent_code", "kind", "active"]:
                if e[f] != g[f]:
                    differ("other", code, f, e[f], g[f])
            for f in FIGURES:
                if e[f] != g[f]:
                    differ("figures", code, f, e[f], g[f])
        compared = len(got)
    total = sum(counts.values())
    detail = (f"{compared:,} rows; {counts['figures']:,} differing figures, {counts['missing']:,} rows missing, "
              f"{counts['extra']:,} extra, {counts['other']:,} other differences")
    print(f"{args.label}: {detail}", file=sys.stderr)
    for code, what, want_v, got_v in problems[:40]:
        print(f"  {code} {what}: expected {want_v!r}, got {got_v!r}", file=sys.stderr)
    if len(problems) > 40:
        print(f"  … and {len(problems) - 40:,} more", file=sys.stderr)
    if args.checks:
        with open(args.checks, "a", encoding="utf-8") as f:
            f.write("\t".join([args.label, str(compared), str(total), detail, "ok" if total == 0 else "mismatch"]) + "\n")
    return 0 if total == 0 else 1


def cmd_rows(args) -> int:
    if args.file.endswith(".json"):
        with open(args.file, encoding="utf-8") as f:
            print(len(json.load(f)["rows"]))
    else:
        import pyarrow.parquet as pq
        print(pq.ParquetFile(args.file).metadata.num_rows)
    return 0


# -- table ----------------------------------------------------------------------

# key: (targets on time vs DuckDB, max seconds, max RSS MiB)
REPORT_MAX_RATIO = 1.0
REPORT_MAX_RSS_MIB = 2048.0
COUNTY_MAX_SECONDS = 0.200
ROWS = [
    # key, kind of row
    ("report_sqlite", "report"),
    ("report_pg", "report"),
    ("duckdb_parquet", "limit"),
    ("duckdb_csv", "baseline"),
    ("pandas_parquet", "baseline"),
    ("county_sqlite", "county"),
    ("county_pg", "county"),
]


def read_tsv(path, width):
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                parts = line.split("\t")
                rows.append(parts + ["-"] * (width - len(parts)))
    return rows


def cmd_table(args) -> int:
    meta = {}
    for k, v in read_tsv(args.meta, 2):
        meta[k] = v
    # key what run seconds rss_kib rows status
    runs = {}
    whats = {}
    for key, what, _run, seconds, rss, rows, status in read_tsv(args.results, 7):
        whats.setdefault(key, what)
        runs.setdefault(key, []).append((seconds, rss, rows, status))

    def summary(key):
        rs = runs.get(key)
        if not rs:
            return None
        errors = [r[3] for r in rs if r[3] != "ok"]
        if errors:
            return {"error": errors[0]}
        secs = [float(r[0]) for r in rs]
        rss = [float(r[1]) for r in rs if r[1] not in ("", "-")]
        rows = rs[-1][2]
        return {"seconds": statistics.median(secs), "all": secs, "rss_mib": max(rss) / 1024 if rss else None,
                "rows": None if rows in ("", "-") else int(rows)}

    limit = summary("duckdb_parquet")
    limit_s = limit["seconds"] if limit and "seconds" in limit else None
    out = [f"Measured {meta.get('date', '?')} on {meta.get('machine', '?')}.", ""]
    for k in ("versions", "data", "settings"):
        if k in meta:
            out += [meta[k], ""]
    out.append("| what | rows | seconds (median) | runs | peak RSS MiB | ratio vs DuckDB | target | result |")
    out.append("| --- | ---: | ---: | --- | ---: | ---: | --- | --- |")
    verdicts = []
    for key, kind in ROWS:
        if key not in whats:
            continue
        s = summary(key)
        what = whats[key]
        if "error" in s:
            out.append(f"| {what} | – | – | – | – | – | – | {s['error']} |")
            verdicts.append((what, False))
            continue
        ratio = s["seconds"] / limit_s if limit_s else None
        ratio_text = "1 (limit)" if kind == "limit" else ("–" if ratio is None or kind == "county" else f"{ratio:.2f}")
        rss = s["rss_mib"]
        target, result = "–", "–"
        if kind == "report":
            target = f"ratio ≤ {REPORT_MAX_RATIO:.1f}; peak RSS < 2 GiB"
            ok = ratio is not None and ratio <= REPORT_MAX_RATIO and rss is not None and rss < REPORT_MAX_RSS_MIB
            result = "PASS" if ok else "FAIL"
            verdicts.append((what, ok))
        elif kind == "county":
            target = f"< {COUNTY_MAX_SECONDS * 1000:.0f} ms"
            ok = s["seconds"] < COUNTY_MAX_SECONDS
            result = "PASS" if ok else "FAIL"
            verdicts.append((what, ok))
        runs_text = ", ".join(f"{x:.3f}" for x in s["all"])
        rows_text = "–" if s["rows"] is None else f"{s['rows']:,}"
        rss_text = "–" if rss is None else f"{rss:,.0f}"
        out.append(f"| {what} | {rows_text} | {s['seconds']:.3f} | {runs_text} | {rss_text} "
                   f"| {ratio_text} | {target} | {result} |")
    checks = read_tsv(args.checks, 5)
    if checks:
        out += ["", "Figures compared with DuckDB's (every row, every figure, row order and nesting):", ""]
        for label, _rows, _diffs, detail, status in checks:
            out.append(f"- {'OK' if status == 'ok' else 'MISMATCH'} {label}: {detail}")
            if status != "ok":
                verdicts.append((label, False))
    steps = read_tsv(args.steps, 3)
    if steps:
        out += ["", "Preparation (not compared): " + "; ".join(
            f"{what} {float(sec):,.1f} s" if status == "ok" else f"{what}: {status}"
            for what, sec, status in steps) + "."]
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.out != "-":
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("# Annual statistics benchmark (latest run of Benchmarks/annual.sh)\n\n" + text)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export")
    e.add_argument("--db", required=True)
    e.add_argument("--out", required=True)
    for name in ("duckdb", "pandas"):
        b = sub.add_parser(name)
        b.add_argument("--data", required=True)
        b.add_argument("--org", default="HB")
        b.add_argument("--as-of", required=True)
        b.add_argument("--output", required=True)
        if name == "duckdb":
            b.add_argument("--source", choices=["parquet", "csv"], default="parquet")
    v = sub.add_parser("verify")
    v.add_argument("--expected", required=True)
    v.add_argument("--as-of", required=True)
    v.add_argument("--label", required=True)
    v.add_argument("--checks")
    v.add_argument("report")
    r = sub.add_parser("rows")
    r.add_argument("file")
    t = sub.add_parser("table")
    for name in ("meta", "results", "steps", "checks", "out"):
        t.add_argument(name)
    args = ap.parse_args()
    return {"export": cmd_export, "duckdb": cmd_duckdb, "pandas": cmd_pandas, "verify": cmd_verify,
            "rows": cmd_rows, "table": cmd_table}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
