#!/usr/bin/env python3
"""The register, the DuckDB baseline, the checks and the table of Benchmarks/disputes.sh.

    disputes.py generate --orgs ORGS_CSV --out FILE --rows N --county CODE --county-open K
                         --end YYYY-MM-DD [--seed S] [--summary JSON]
        A dispute register (the columns of `gonghui import disputes`) of N cases received over
        the two years (730 days) ending on END, handled by the territorial unions, grassroots
        unions and federations of the orgs file; chronological, in every state an import makes
        (open consultations waiting for an answer, open requests and complaints, closed ones
        answered, settled, mediated with or without agreement, withdrawn), on time and late,
        collective and single. The subtree of the county CODE holds exactly K open cases.
        Writes a JSON summary (the province, the counts, the report's year) to --summary.
    disputes.py duckdb   --orgs ORGS_CSV --cases FILE --org CODE --from DATE --to DATE --output JSON
        The figures of `gonghui report disputes --depth 1` computed by DuckDB from the two CSV
        files, reading them included: CODE and each of its children with their subtree's cases.
    disputes.py verify   --expected JSON --label TEXT [--checks TSV] REPORT
        Compares REPORT (the JSON of `gonghui report disputes`) with DuckDB's: the rows, their
        order, level and parent, the nine figures and the two rates. Exits 1 on a difference.
    disputes.py http     --url URL --path PATH [--bearer TOKEN | --cookie TOKEN] --requests N
                         [--warmup W] [--expect-total T] [--expect-items I] --out TSV --key KEY --what TEXT
        N sequential GET requests on one kept-alive connection, each timed from sending to the
        last byte read; appends `key what N seconds - p50_ms p95_ms max_ms status` to TSV.
    disputes.py table    META RESULTS CHECKS OUT_MD   (OUT_MD `-`: print only)
        The markdown table of a run.

The figures are those of DisputeFigures.add (Sources/GonghuiDomain/Disputes/DisputeReport.swift)
for imported cases (DisputeWorkflow.imported), computed independently from the register's cells:
a case counts when its 受理日期 is in the period, at its 处理工会代码, and a node sums its
subtree. Closed = 办理状态 已办结; closed on time = 办结日期 ≤ 受理日期 + 60 days (an imported
request or complaint is taken as accepted on receipt, a consultation or suggestion is counted
from receipt, neither extended); mediation = 调解结果 达成协议, 未达成协议 or 撤回; agreed = 达成协议;
collective = 涉及人数 ≥ 10 (an empty or 0 count is 1 worker); amounts in fen.
"""
import argparse
import csv
import datetime
import json
import os
import random
import re
import statistics
import sys
import time

HEADER = ["工单号", "来源渠道", "诉求类别", "争议类型", "受理日期", "职工姓名", "身份证号", "联系电话", "涉及人数",
          "用人单位名称", "统一社会信用代码", "处理工会代码", "涉及金额（元）", "办理状态", "办结日期", "调解结果",
          "追回金额（元）"]
# The report's figures (DisputeFigures.columns) and rates.
FIGURES = ["cases_received", "collective_cases", "workers_involved", "cases_closed", "cases_closed_on_time",
           "mediations", "mediations_agreed", "amount_claimed_fen", "amount_recovered_fen"]
RATES = ["on_time_rate", "agreement_rate"]
HANDLING_DAYS = 60
COLLECTIVE_WORKERS = 10
# The spellings the importer reads (DisputeImporter.swift, RowParser.workflow).
CLOSED = ["已办结", "办结", "closed"]
AGREED = ["达成协议", "调解成功"]
MEDIATED = AGREED + ["未达成协议", "调解不成", "撤回", "撤诉"]
# Unions that handle cases: territorial unions, grassroots unions and federations (not branches
# or groups), with the share of the cases each kind handles.
HANDLER_SHARE = {"省": 0.005, "市": 0.045, "县": 0.35, "乡镇": 0.25, "基层": 0.30, "联合会": 0.05}


def parse_date(text: str) -> datetime.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise SystemExit(f"not a date (YYYY-MM-DD): {text}")
    return datetime.date.fromisoformat(text)


def check_code(code: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]+", code):
        raise SystemExit(f"not an org code: {code}")
    return code


def rate(part: int, whole: int):
    """Rate.fourPlaces: part ÷ whole to 4 decimals, half up, integer arithmetic."""
    if whole <= 0:
        return None
    scaled = (part * 100_000 // whole + 5) // 10
    return f"{scaled // 10_000}.{scaled % 10_000:04d}"


def read_orgs(path):
    """code -> (parent code or None, kind label), in file order."""
    orgs = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        ix = {name.split()[0]: i for i, name in enumerate(header)}
        c, p, k = ix["组织代码"], ix["上级组织代码"], ix["组织类型"]
        for row in rows:
            orgs[row[c]] = (row[p] or None, row[k])
    return orgs


# -- generate --------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文辉建华国庆红梅志强海燕小红玉兰春梅金凤德明永刚晓东新民卫东建国玉梅凤英"
CHANNELS = [("热线", 50), ("来访", 25), ("来信", 5), ("网上", 15), ("转办", 5)]
KINDS = [("咨询", 35), ("求决", 35), ("投诉", 25), ("意见建议", 5)]
TYPES = [("欠薪", 40), ("解除/终止劳动合同", 15), ("社会保险", 12), ("工伤", 8), ("工时休息休假", 6),
         ("未签劳动合同", 8), ("经济补偿/赔偿金", 8), ("其他", 3)]
EMPLOYER_WORDS = ["建筑工程", "商贸", "物流", "电子科技", "食品", "纺织服装", "机械制造", "餐饮管理", "物业服务", "汽车零部件",
                  "化工", "医药", "家具", "印刷包装", "劳务派遣", "网络科技", "酒店管理", "保安服务", "环保科技", "农业开发"]
CITY_NAMES = ["武汉", "黄石", "十堰", "宜昌", "襄阳", "鄂州", "荆门", "孝感", "荆州", "黄冈", "咸宁", "随州", "恩施"]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def weighted(rng, pairs):
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return lambda: rng.choices(values, weights)[0]


def id_number(rng, end: datetime.date) -> str:
    region = rng.choice(["420102", "420106", "420111", "420202", "420303", "420502", "420602", "420704", "420802", "420902",
                         "421002", "421102", "421202", "421303", "422801"])
    born = end - datetime.timedelta(days=rng.randint(18 * 365, 60 * 365))
    first = region + born.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
    return first + ID_CHECK[sum(int(d) * w for d, w in zip(first, ID_WEIGHTS)) % 11]


def credit_code(rng) -> str:
    first = "91" + rng.choice(["420100", "420200", "420300", "420500", "420600", "420700", "420800", "420900", "421000"]) \
        + "".join(rng.choice(CREDIT_ALPHABET) for _ in range(9))
    total = sum(CREDIT_ALPHABET.index(ch) * w for ch, w in zip(first, CREDIT_WEIGHTS))
    return first + CREDIT_ALPHABET[(31 - total % 31) % 31]


def subtree(orgs, root):
    children = {}
    for code, (parent, _kind) in orgs.items():
        if parent:
            children.setdefault(parent, []).append(code)
    out, stack = [], [root]
    while stack:
        code = stack.pop()
        out.append(code)
        stack.extend(children.get(code, []))
    return out


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def cmd_generate(args) -> int:
    started = time.time()
    rng = random.Random(args.seed)
    end = parse_date(args.end)
    start = end - datetime.timedelta(days=729)
    orgs = read_orgs(args.orgs)
    province = [c for c, (p, _k) in orgs.items() if p is None]
    if len(province) != 1:
        raise SystemExit(f"{args.orgs}: expected one root org, found {len(province)}")
    province = province[0]
    county = check_code(args.county)
    if county not in orgs:
        raise SystemExit(f"{args.orgs}: no org {county}")
    in_county = set(subtree(orgs, county))

    # Handling unions: each kind gets its share of the cases, spread evenly over the kind's
    # unions (outside the county; the county's own cases are placed below).
    by_kind = {}
    for code, (_p, kind) in orgs.items():
        if kind in HANDLER_SHARE:
            by_kind.setdefault(kind, []).append(code)
    kinds = [k for k in HANDLER_SHARE if by_kind.get(k)]
    pick_kind = weighted(rng, [(k, HANDLER_SHARE[k]) for k in kinds])
    county_handlers = [c for c in in_county if orgs[c][1] in HANDLER_SHARE]
    county_weights = [{"县": 50.0, "乡镇": 3.0}.get(orgs[c][1], 0.2) for c in county_handlers]

    # Employers: half of the cases name an employer of the registry (a grassroots union's
    # unit, with its credit code when the orgs file has one), the rest a firm without a union.
    with open(args.orgs, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        ix = {name.split()[0]: i for i, name in enumerate(header)}
        registry = [(row[ix["组织名称"]].removesuffix("工会").removesuffix("委员会"), row[ix["统一社会信用代码"]])
                    for row in rows if row[ix["组织类型"]] == "基层"]
    firms = []
    for i in range(max(20_000, args.rows // 40)):
        name = f"{rng.choice(CITY_NAMES)}{rng.choice('金华兴盛恒通达宏远泰安鑫隆瑞丰博创')}{rng.choice('源泰昌顺阳光明业汇和')}{rng.choice(EMPLOYER_WORDS)}有限公司"
        firms.append((name if i % 7 else name.replace("有限公司", f"第{i % 97 + 1}分公司"), credit_code(rng) if rng.random() < 0.6 else ""))
    people = [("".join([rng.choice(SURNAMES)] + [rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2]))]),
               id_number(rng, end) if rng.random() < 0.7 else "",
               f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}" if rng.random() < 0.8 else "")
              for _ in range(max(50_000, args.rows // 5))]
    channel = weighted(rng, CHANNELS)
    kind_of = weighted(rng, KINDS)
    type_of = weighted(rng, TYPES)

    # Received days: weekdays busier than weekends, a little more in the second year.
    days = [start + datetime.timedelta(days=d) for d in range(730)]
    weights = [(1.0 if day.weekday() < 5 else 0.35) * (1.0 + 0.2 * d / 730) for d, day in enumerate(days)]
    total_w = sum(weights)
    counts = [int(args.rows * w / total_w) for w in weights]
    for d in range(args.rows - sum(counts)):
        counts[-1 - d % 730] += 1
    received = [day for day, n in zip(days, counts) for _ in range(n)]
    # The county's open cases: drawn among the cases received in the last 180 days.
    recent = [i for i, day in enumerate(received) if (end - day).days < 180]
    if args.county_open > len(recent):
        raise SystemExit(f"--county-open {args.county_open} is more than the {len(recent)} cases of the last 180 days")
    county_open = set(rng.sample(recent, args.county_open))

    summary = {"rows": args.rows, "province": province, "county": county, "county_open": 0, "county_cases": 0,
               "open": 0, "closed": 0, "collective": 0, "mediated": 0, "late": 0, "start": start.isoformat(),
               "end": end.isoformat(), "year_from": f"{end.year - 1}-01-01", "year_to": f"{end.year - 1}-12-31",
               "year_cases": 0}
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i, day in enumerate(received):
            forced_open = i in county_open
            if forced_open:
                org = rng.choices(county_handlers, county_weights)[0]
            else:
                org = rng.choice(by_kind[pick_kind()])
            kind = kind_of()
            answered = kind in ("咨询", "意见建议")
            n_types = rng.choice([0, 0, 1, 1]) if answered else rng.choice([1, 1, 1, 2, 2, 3])
            types = []
            for _ in range(n_types):
                t = type_of()
                if t not in types:
                    types.append(t)
            roll = rng.random()
            workers = 1 if roll < 0.84 else (rng.randint(2, 9) if roll < 0.95 else rng.randint(10, 300))
            if answered:
                workers = 1
            name, idn, phone = rng.choice(people)
            employer, code = rng.choice(registry) if registry and rng.random() < 0.5 else rng.choice(firms)
            claimed = 0
            if not answered and rng.random() < 0.75:
                claimed = int(rng.lognormvariate(8.8, 1.1) * 100) * max(1, min(workers, 50))
            # How long it took: most within the 60 days, some late; an answer mostly the same day.
            if answered:
                took = 0 if rng.random() < 0.8 else rng.randint(1, 20)
            else:
                r = rng.random()
                took = rng.randint(1, 60) if r < 0.72 else (rng.randint(61, 120) if r < 0.92 else rng.randint(121, 300))
            closed_on = day + datetime.timedelta(days=took)
            is_open = forced_open or closed_on > end or (rng.random() < 0.004 and not answered)
            if org in in_county and not forced_open:
                is_open = False
                closed_on = min(closed_on, end)
            outcome, recovered = "", 0
            if not is_open and not answered:
                r = rng.random()
                if r < 0.40:
                    outcome = "达成协议"
                    recovered = claimed * rng.randint(60, 100) // 100
                elif r < 0.52:
                    outcome = "未达成协议"
                elif r < 0.58:
                    outcome = "撤回"
                else:
                    outcome = "未调解" if r < 0.70 else ""
                    recovered = claimed * rng.randint(0, 100) // 100 if rng.random() < 0.5 else 0
            row = [f"GD{day.year}{i + 1:07d}", channel(), kind, "、".join(types), day.isoformat(), name, idn, phone,
                   str(workers), employer, code, org, yuan(claimed) if claimed else "",
                   "办理中" if is_open else "已办结", "" if is_open else closed_on.isoformat(), outcome,
                   yuan(recovered) if recovered else ""]
            w.writerow(row)
            summary["open" if is_open else "closed"] += 1
            summary["collective"] += workers >= COLLECTIVE_WORKERS
            summary["mediated"] += outcome in MEDIATED
            summary["late"] += (not is_open) and took > HANDLING_DAYS
            summary["year_cases"] += day.year == end.year - 1
            if org in in_county:
                summary["county_cases"] += 1
                summary["county_open"] += is_open
    if summary["county_open"] != args.county_open:
        raise SystemExit(f"the county holds {summary['county_open']} open cases, not {args.county_open}")
    summary["seconds"] = round(time.time() - started, 3)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=1)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


# -- DuckDB ---------------------------------------------------------------------------

def cmd_duckdb(args) -> int:
    import duckdb
    root = check_code(args.org)
    period_from, period_to = parse_date(args.from_).isoformat(), parse_date(args.to).isoformat()
    con = duckdb.connect()

    def lit(values):
        return ", ".join("'" + v.replace("'", "''") + "'" for v in values)

    with open(args.cases, encoding="utf-8-sig") as f:
        header = next(csv.reader([f.readline()]))
    types = {"受理日期": "DATE", "办结日期": "DATE", "涉及人数": "BIGINT", "涉及金额（元）": "DECIMAL(18,2)",
             "追回金额（元）": "DECIMAL(18,2)"}
    columns = "{" + ", ".join(f"'{name}': '{types.get(name, 'VARCHAR')}'" for name in header) + "}"
    con.execute(f"""
        CREATE TEMP VIEW cases AS SELECT * FROM read_csv('{args.cases}', header = true, columns = {columns},
            delim = ',', quote = '"', escape = '"', auto_detect = false)""")
    con.execute(f"""
        CREATE TEMP VIEW orgs AS SELECT "组织代码" AS code, NULLIF("上级组织代码", '') AS parent
        FROM read_csv('{args.orgs}', header = true, all_varchar = true)""")
    # Each org of the subtree of ROOT with the child of ROOT it lies under (ROOT: itself), the
    # cases of the period summed by that child.
    sums = con.execute(f"""
        WITH RECURSIVE under(code, top) AS (
            SELECT code, code FROM orgs WHERE parent = $root
            UNION ALL
            SELECT o.code, u.top FROM orgs o JOIN under u ON o.parent = u.code
        ),
        tops AS (SELECT code, top FROM under UNION ALL SELECT $root, $root),
        c AS (
            SELECT "处理工会代码" AS org,
                GREATEST(COALESCE("涉及人数", 1), 1) AS workers,
                "办理状态" IN ({lit(CLOSED)}) AS closed,
                "办理状态" IN ({lit(CLOSED)}) AND date_diff('day', "受理日期", "办结日期") <= {HANDLING_DAYS} AS on_time,
                "办理状态" IN ({lit(CLOSED)}) AND COALESCE("调解结果", '') IN ({lit(MEDIATED)}) AS mediated,
                "办理状态" IN ({lit(CLOSED)}) AND COALESCE("调解结果", '') IN ({lit(AGREED)}) AS agreed,
                CAST(ROUND(COALESCE("涉及金额（元）", 0) * 100) AS BIGINT) AS claimed,
                CAST(ROUND(COALESCE("追回金额（元）", 0) * 100) AS BIGINT) AS recovered
            FROM cases WHERE "受理日期" BETWEEN DATE '{period_from}' AND DATE '{period_to}'
        )
        SELECT t.top, COUNT(*) AS cases_received,
            COUNT(*) FILTER (WHERE workers >= {COLLECTIVE_WORKERS}) AS collective_cases,
            SUM(workers) AS workers_involved,
            COUNT(*) FILTER (WHERE closed) AS cases_closed,
            COUNT(*) FILTER (WHERE on_time) AS cases_closed_on_time,
            COUNT(*) FILTER (WHERE mediated) AS mediations,
            COUNT(*) FILTER (WHERE agreed) AS mediations_agreed,
            SUM(claimed) AS amount_claimed_fen, SUM(recovered) AS amount_recovered_fen
        FROM c JOIN tops t ON t.code = c.org GROUP BY t.top
    """, {"root": root}).fetchall()
    children = [code for (code,) in con.execute("SELECT code FROM orgs WHERE parent = $root ORDER BY code", {"root": root}).fetchall()]
    if not con.execute("SELECT count(*) FROM orgs WHERE code = $root", {"root": root}).fetchone()[0]:
        raise SystemExit(f"no org {root} in {args.orgs}")
    by_top = {top: [int(v) for v in values] for top, *values in sums}
    zero = [0] * len(FIGURES)
    listed = [(root, None, 0, [sum(col) for col in zip(zero, *by_top.values())])]
    listed += [(code, root, 1, by_top.get(code, zero)) for code in children]
    out = []
    for code, parent, level, values in listed:
        row = {"org_code": code, "level": level, **dict(zip(FIGURES, values))}
        if parent:
            row["parent_code"] = parent
        row["on_time_rate"] = rate(row["cases_closed_on_time"], row["cases_closed"])
        row["agreement_rate"] = rate(row["mediations_agreed"], row["mediations"])
        out.append(row)
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump({"from": period_from, "to": period_to, "rows": out}, f, ensure_ascii=False)
    return 0


# -- verify -----------------------------------------------------------------------------

def cmd_verify(args) -> int:
    with open(args.expected, encoding="utf-8") as f:
        want = json.load(f)["rows"]
    with open(args.report, encoding="utf-8") as f:
        got = json.load(f)["rows"]
    problems = []
    want_codes, got_codes = [r["org_code"] for r in want], [r["org_code"] for r in got]
    if want_codes != got_codes:
        missing = [c for c in want_codes if c not in set(got_codes)]
        extra = [c for c in got_codes if c not in set(want_codes)]
        problems.append(("rows", "order or set", f"{len(want_codes)} rows", f"{len(got_codes)} rows; missing {missing[:5]}, extra {extra[:5]}"))
    by_code = {r["org_code"]: r for r in got}
    figures = 0
    for e in want:
        r = by_code.get(e["org_code"])
        if r is None:
            continue
        for f in ["level", "parent_code"]:
            if e.get(f) != r.get(f):
                problems.append((e["org_code"], f, e.get(f), r.get(f)))
        for f in FIGURES + RATES:
            figures += 1
            if e.get(f) != r.get(f):
                problems.append((e["org_code"], f, e.get(f), r.get(f)))
    detail = f"{len(got):,} rows, {figures:,} figures compared; {len(problems):,} differences"
    print(f"{args.label}: {detail}", file=sys.stderr)
    for code, what, want_v, got_v in problems[:40]:
        print(f"  {code} {what}: expected {want_v!r}, got {got_v!r}", file=sys.stderr)
    if args.checks:
        with open(args.checks, "a", encoding="utf-8") as f:
            f.write("\t".join([args.label, detail, "ok" if not problems else "mismatch"]) + "\n")
    return 0 if not problems else 1


# -- HTTP ----------------------------------------------------------------------------------

def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    k = max(0, min(len(sorted_values) - 1, -(-p * len(sorted_values) // 100) - 1))
    return sorted_values[int(k)]


def cmd_http(args) -> int:
    import http.client
    from urllib.parse import urlsplit
    u = urlsplit(args.url)
    headers = {"Accept": "application/json" if args.path.startswith("/api/") else "text/html"}
    if args.bearer:
        headers["Authorization"] = f"Bearer {args.bearer}"
    if args.cookie:
        headers["Cookie"] = f"gonghui_session={args.cookie}"
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)

    def get():
        t0 = time.perf_counter()
        conn.request("GET", args.path, headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        return (time.perf_counter() - t0) * 1000, resp.status, body

    for _ in range(args.warmup):
        get()
    times, bad, last = [], 0, None
    started = time.perf_counter()
    for _ in range(args.requests):
        ms, code, body = get()
        times.append(ms)
        if code != 200:
            bad += 1
            last = f"HTTP {code}: {body[:200]!r}"
    seconds = time.perf_counter() - started
    status = "ok"
    if bad:
        status = f"error: {bad} answers not 200 ({last})"
    elif args.expect_total is not None or args.expect_items is not None:
        doc = json.loads(body)
        if args.expect_total is not None and doc.get("total") != args.expect_total:
            status = f"error: total {doc.get('total')}, expected {args.expect_total}"
        elif args.expect_items is not None and len(doc.get("items", [])) != args.expect_items:
            status = f"error: {len(doc.get('items', []))} items, expected {args.expect_items}"
        elif args.expect_open and any(item.get("state") == "closed" for item in doc.get("items", [])):
            status = "error: a closed case on the first page of a county with open cases"
    times.sort()
    p50, p95 = percentile(times, 50), percentile(times, 95)
    with open(args.out, "a", encoding="utf-8") as f:
        f.write("\t".join([args.key, args.what, str(len(times)), f"{seconds:.3f}", "-", f"{p50:.3f}", f"{p95:.3f}",
                           f"{times[-1]:.3f}", status]) + "\n")
    print(f"  {args.what}: {len(times)} requests, p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms, {status}",
          file=sys.stderr)
    return 0 if status == "ok" else 1


# -- table -------------------------------------------------------------------------------------

REPORT_MAX_RATIO = 1.0
WORKLIST_MAX_MS = 50.0
# key, kind of row, limit key
ROWS = [
    ("demo", "prep", None),
    ("generate", "prep", None),
    ("import_orgs", "prep", None),
    ("import", "import", "import_limit"),
    ("import_limit", "limit", None),
    ("report", "report", "duckdb"),
    ("duckdb", "limit", None),
    ("report_county", "info", None),
    ("http_bare", "limit", None),
    ("http_api", "worklist", "http_bare"),
    ("http_page", "worklist", "http_bare"),
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
    # key what count seconds rss_kib p50_ms p95_ms max_ms status
    runs, whats = {}, {}
    for key, what, count, seconds, rss, p50, p95, mx, status in read_tsv(args.results, 9):
        whats.setdefault(key, what)
        runs.setdefault(key, []).append({"count": count, "seconds": seconds, "rss": rss, "p50": p50, "p95": p95,
                                         "max": mx, "status": status})

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
                "rss_mib": max(rss) / 1024 if rss else None, "p50": num(rs[-1]["p50"]), "p95": num(rs[-1]["p95"]),
                "max": num(rs[-1]["max"])}

    out = [f"Measured {meta.get('date', '?')} on {meta.get('machine', '?')}.", ""]
    for k in ("versions", "data", "settings"):
        if k in meta:
            out += [meta[k], ""]
    out.append("| what | rows or requests | seconds | rate or latency | peak RSS MiB | ratio vs limit | target | result |")
    out.append("| --- | ---: | ---: | --- | ---: | ---: | --- | --- |")
    for key, kind, limit_key in ROWS:
        if key not in whats:
            continue
        s, what = summary(key), whats[key]
        if "error" in s:
            out.append(f"| {what} | – | – | – | – | – | – | {s['error']} |")
            continue
        if "note" in s:
            out.append(f"| {what} | – | – | – | – | – | – | – |")
            continue
        lim = summary(limit_key) if limit_key else None
        lim = lim if lim and "error" not in lim else None
        count = "–" if s["count"] is None else f"{s['count']:,.0f}"
        rss = "–" if s["rss_mib"] is None else f"{s['rss_mib']:,.0f}"
        secs = f"{s['seconds']:.3f}" if len(s["all"]) == 1 else f"{s['seconds']:.3f} (median of {', '.join(f'{x:.3f}' for x in s['all'])})"
        rate_text, ratio, target, result = "–", "–", "–", "–"
        if kind in ("prep", "import", "limit") and s["p50"] is None and s["count"]:
            rate_text = f"{s['count'] / s['seconds']:,.0f} rows/s"
        if kind == "limit":
            ratio = "1 (limit)"
        if kind == "import" and lim:
            ratio = f"{(s['count'] / s['seconds']) / (lim['count'] / lim['seconds']):.2f} (rate)"
        if kind == "report" and lim:
            ratio = f"{s['seconds'] / lim['seconds']:.2f}"
        if kind == "report":
            target = f"ratio ≤ {REPORT_MAX_RATIO:.1f}"
            result = "PASS" if lim and s["seconds"] / lim["seconds"] <= REPORT_MAX_RATIO else "FAIL"
        if s["p50"] is not None:
            rate_text = f"p50 {s['p50']:.2f} ms; p95 {s['p95']:.2f} ms; max {s['max']:.2f} ms"
            secs = f"{s['seconds']:.3f}"
            if kind == "worklist" and lim and lim["p50"]:
                ratio = f"p50 ×{s['p50'] / lim['p50']:.1f}, p95 ×{s['p95'] / lim['p95']:.1f}"
        if kind == "worklist":
            target = f"p95 < {WORKLIST_MAX_MS:.0f} ms"
            result = "PASS" if s["p95"] < WORKLIST_MAX_MS else "FAIL"
        out.append(f"| {what} | {count} | {secs} | {rate_text} | {rss} | {ratio} | {target} | {result} |")
    checks = read_tsv(args.checks, 3)
    if checks:
        out += ["", "Figures compared with DuckDB's (every listed row: order, level, parent, the nine figures and the two rates):", ""]
        for label, detail, status in checks:
            out.append(f"- {'OK' if status == 'ok' else 'MISMATCH'} {label}: {detail}")
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.out != "-":
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("# Labor-dispute benchmark (latest run of Benchmarks/disputes.sh)\n\n" + text)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--orgs", required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--rows", type=int, required=True)
    g.add_argument("--county", required=True)
    g.add_argument("--county-open", type=int, default=10_000)
    g.add_argument("--end", required=True)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--summary")
    d = sub.add_parser("duckdb")
    d.add_argument("--orgs", required=True)
    d.add_argument("--cases", required=True)
    d.add_argument("--org", required=True)
    d.add_argument("--from", dest="from_", required=True)
    d.add_argument("--to", required=True)
    d.add_argument("--output", required=True)
    v = sub.add_parser("verify")
    v.add_argument("--expected", required=True)
    v.add_argument("--label", required=True)
    v.add_argument("--checks")
    v.add_argument("report")
    h = sub.add_parser("http")
    h.add_argument("--url", required=True)
    h.add_argument("--path", required=True)
    h.add_argument("--bearer")
    h.add_argument("--cookie")
    h.add_argument("--requests", type=int, default=200)
    h.add_argument("--warmup", type=int, default=20)
    h.add_argument("--expect-total", type=int)
    h.add_argument("--expect-items", type=int)
    h.add_argument("--expect-open", action="store_true")
    h.add_argument("--out", required=True)
    h.add_argument("--key", required=True)
    h.add_argument("--what", required=True)
    t = sub.add_parser("table")
    for name in ("meta", "results", "checks", "out"):
        t.add_argument(name)
    args = ap.parse_args()
    return {"generate": cmd_generate, "duckdb": cmd_duckdb, "verify": cmd_verify, "http": cmd_http,
            "table": cmd_table}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
