#!/usr/bin/env python3
"""Facts about a members.csv that the benchmark needs, and a sample of its ID numbers.

    sample_ids.py members.csv OUT_IDS_FILE [COUNT]

Writes up to COUNT (default 10,000) distinct ID numbers (column 身份证号, else the
first column), spread evenly over the file, one per line, to OUT_IDS_FILE. Prints
the number of columns of the header on stdout, for the baseline tables.

Large files are sampled by seeking to evenly spaced byte offsets, so a 10-million-row
file costs as much as a small one.
"""
import csv
import io
import os
import sys

ID_HEADER = "身份证号"


def parse_line(line: str) -> list[str]:
    return next(csv.reader([line]))


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000

    with open(path, "rb") as f:
        header_raw = f.readline()
        data_start = f.tell()
        header = parse_line(header_raw.decode("utf-8-sig").rstrip("\r\n"))
        column = header.index(ID_HEADER) if ID_HEADER in header else 0
        size = os.fstat(f.fileno()).st_size

        ids: list[str] = []
        seen: set[str] = set()

        def take(line_bytes: bytes) -> None:
            line = line_bytes.decode("utf-8").rstrip("\r\n")
            if not line:
                return
            fields = parse_line(line)
            if column < len(fields):
                value = fields[column].strip()
                if value and value not in seen:
                    seen.add(value)
                    ids.append(value)

        if size - data_start < 64 * 1024 * 1024:
            # Small file: read every row, then keep an evenly spaced subset.
            rows = [r for r in csv.reader(io.TextIOWrapper(f, encoding="utf-8", newline=""))]
            values = [r[column].strip() for r in rows if column < len(r) and r[column].strip()]
            step = max(1, len(values) // count)
            for value in values[::step]:
                if value not in seen and len(ids) < count:
                    seen.add(value)
                    ids.append(value)
        else:
            span = size - data_start
            for i in range(count):
                f.seek(data_start + span * i // count)
                if i > 0:
                    f.readline()  # finish the line the offset fell into
                line = f.readline()
                if line:
                    take(line)

    if not ids:
        print(f"no ID numbers found in {path}", file=sys.stderr)
        return 1
    with open(out, "w", encoding="utf-8") as o:
        o.write("\n".join(ids) + "\n")
    print(len(header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
