#!/usr/bin/env python3
"""Render the benchmark results that Benchmarks/run.sh collected as one markdown table.

    report.py META_TSV RESULTS_TSV OUT_MD     (OUT_MD `-`: print only)

META_TSV: `key<TAB>value` lines (date, machine, versions).
RESULTS_TSV: one line per measurement:
    size key what count seconds rss_kib p50_us p99_us non2xx status
with `-` for a value that does not apply and status `ok` or `error: ...`.

Every rate is compared with the limit measured in the same run on the same data:
the sqlite3 shell's .import, PostgreSQL's COPY (psql \\copy), and a bare route of
the same server (GET /healthz). Prints the markdown and writes it to OUT_MD.
"""
import sys

# (measured key, limit key, what the ratio means, target)
IMPORT_PAIRS = [
    ("sqlite_members", "sqlite_limit", "SQLite import rate ≥ 0.40 × sqlite3 .import", 0.40),
    ("pg_members", "pg_limit", "PostgreSQL import rate ≥ 0.40 × COPY", 0.40),
]
LOOKUP_MIN_THROUGHPUT = 0.5   # × bare route requests/s
LOOKUP_MAX_P99 = 2.0          # × bare route p99
SERVER_MAX_RSS_MIB = 1024.0


def num(value: str):
    if value in ("", "-"):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def fmt_int(value) -> str:
    return "–" if value is None else f"{int(round(value)):,}"


def fmt_float(value, digits=1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def fmt_ms(us) -> str:
    return "–" if us is None else f"{us / 1000:.2f} ms"


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            parts = line.split("\t")
            parts += ["-"] * (10 - len(parts))
            size, key, what, count, seconds, rss, p50, p99, non2xx, status = parts[:10]
            rows.append({
                "size": int(size), "key": key, "what": what, "count": num(count),
                "seconds": num(seconds), "rss_kib": num(rss), "p50": num(p50), "p99": num(p99),
                "non2xx": num(non2xx), "status": status,
            })
    return rows


def rate(row):
    if row and row["status"] == "ok" and row["count"] and row["seconds"]:
        return row["count"] / row["seconds"]
    return None


def main() -> int:
    meta_path, results_path, out_path = sys.argv[1:4]
    meta = {}
    with open(meta_path, encoding="utf-8") as f:
        for line in f:
            if "\t" in line:
                k, v = line.rstrip("\n").split("\t", 1)
                meta[k] = v
    rows = load(results_path)
    sizes = sorted({r["size"] for r in rows})
    by = {(r["size"], r["key"]): r for r in rows}

    out = []
    out.append(f"Measured {meta.get('date', '?')} on {meta.get('machine', '?')}.")
    out.append("")
    for k in ("versions", "settings"):
        if k in meta:
            out.append(f"{meta[k]}")
            out.append("")
    out.append("| what | rows or requests | seconds | rate | peak RSS MiB | ratio vs limit |")
    out.append("| --- | ---: | ---: | --- | ---: | --- |")

    targets = []  # (label, passed, detail)

    def add(row, rate_text, ratio_text):
        if row is None:
            return
        if row["status"] != "ok":
            out.append(f"| {row['what']} | – | – | {row['status']} | – | – |")
            return
        rss = None if row["rss_kib"] is None else row["rss_kib"] / 1024
        out.append(f"| {row['what']} | {fmt_int(row['count'])} | {fmt_float(row['seconds'], 2)} "
                   f"| {rate_text} | {fmt_float(rss, 0)} | {ratio_text} |")

    for size in sizes:
        label = f"{size:,} members"
        demo = by.get((size, "demo"))
        add(demo, f"{fmt_int(rate(demo))} rows/s" if rate(demo) else "–", "–")
        for key in ("sqlite_orgs", "sqlite_members", "sqlite_limit", "pg_orgs", "pg_members", "pg_limit"):
            row = by.get((size, key))
            ratio_text = "–"
            for measured, limit, target_label, target in IMPORT_PAIRS:
                if key == measured:
                    r, l = rate(row), rate(by.get((size, limit)))
                    if r and l:
                        ratio = r / l
                        ratio_text = f"{ratio:.2f}"
                        targets.append((f"{label}: {target_label}", ratio >= target, f"{ratio:.2f}"))
                    elif row is not None or by.get((size, limit)) is not None:
                        targets.append((f"{label}: {target_label}", False, "not measured"))
                if key == limit and row is not None and row["status"] == "ok":
                    ratio_text = "1 (limit)"
            add(row, f"{fmt_int(rate(row))} rows/s" if rate(row) else "–", ratio_text)

        bare = by.get((size, "http_bare"))
        look = by.get((size, "http_lookup"))
        for row in (look, bare):
            if row is None:
                continue
            rate_text = "–"
            if rate(row):
                rate_text = f"{fmt_int(rate(row))} req/s; p50 {fmt_ms(row['p50'])}; p99 {fmt_ms(row['p99'])}"
                if row["non2xx"]:
                    rate_text += f"; {fmt_int(row['non2xx'])} non-2xx"
            ratio_text = "1 (limit)" if row is bare and rate(bare) else "–"
            if row is look and rate(look) and rate(bare):
                tp = rate(look) / rate(bare)
                p99 = (look["p99"] / bare["p99"]) if look["p99"] and bare["p99"] else None
                ratio_text = f"{tp:.2f} (p99 ×{p99:.2f})" if p99 else f"{tp:.2f}"
            add(row, rate_text, ratio_text)
        if look is not None or bare is not None:
            if rate(look) and rate(bare):
                tp = rate(look) / rate(bare)
                targets.append((f"{label}: look-up throughput ≥ {LOOKUP_MIN_THROUGHPUT} × bare route",
                                tp >= LOOKUP_MIN_THROUGHPUT, f"{tp:.2f}"))
                if look["p99"] and bare["p99"]:
                    p = look["p99"] / bare["p99"]
                    targets.append((f"{label}: look-up p99 ≤ {LOOKUP_MAX_P99} × bare route p99",
                                    p <= LOOKUP_MAX_P99, f"×{p:.2f}"))
                targets.append((f"{label}: every look-up answered 2xx", not look["non2xx"],
                                f"{fmt_int(look['non2xx'] or 0)} non-2xx"))
            else:
                targets.append((f"{label}: look-up throughput ≥ {LOOKUP_MIN_THROUGHPUT} × bare route",
                                False, "not measured"))
        hwm = by.get((size, "server_hwm"))
        if hwm is not None:
            if hwm["status"] == "ok" and hwm["rss_kib"]:
                mib = hwm["rss_kib"] / 1024
                out.append(f"| {hwm['what']} | – | – | – | {mib:,.0f} | – |")
                targets.append((f"{label}: server peak RSS < {SERVER_MAX_RSS_MIB:.0f} MiB",
                                mib < SERVER_MAX_RSS_MIB, f"{mib:,.0f} MiB"))
            else:
                out.append(f"| {hwm['what']} | – | – | {hwm['status']} | – | – |")

    for size in sizes:
        label = f"{size:,} members"
        if not any(t[0].startswith(label + ":") for t in targets):
            targets.append((f"{label}: measurements", False, "none could be taken"))

    out.append("")
    out.append("Targets:")
    out.append("")
    for label, passed, detail in targets:
        out.append(f"- {'PASS' if passed else 'FAIL'} {label}: {detail}")
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if out_path == "-":
        return 0
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# Benchmark results (latest run of Benchmarks/run.sh)\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
