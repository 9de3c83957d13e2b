#!/usr/bin/env python3
"""Run the DuckDB twins of the AQL differential cases.

    python3 run_twins.py EVENTS_DIR CASES_DIR OUT_DIR

EVENTS_DIR holds events_oracle.jsonl (and oracle_schema.json) from generate_events.py.
CASES_DIR holds NN-name.aql / NN-name.sql pairs, _prelude.sql (helper macros, run first) and
refsets/<Name>.txt (one value per line; loaded as table refset_<Name>(value)).

For each case writes OUT_DIR/NN-name.json:

    {"case": "NN-name", "columns": [...], "ordered": true|false,
     "order_rule": "order by" | "group key" | "input order", "rows": [[...], ...],
     "now": 1767312000000, "timezone": "UTC", "reference_sets": {"Name": "refsets/Name.txt"},
     "unloaded_reference_sets": ["Name"]}

`columns` are the names the AQL result has (docs/aql.md "Names of result columns"): the twin's
own column names, or its `-- columns:` header when it has one. `ordered` says whether the AQL
has ORDER BY. Without it docs/aql.md still fixes the order - group key ascending for grouped
results, input order for plain rows - and the twins list rows that way; `order_rule` says which
rule applies, so a comparer may check the order too (or treat unordered results as multisets).
Decimals (AVG, decimal arithmetic) should be compared with a relative tolerance (1e-9): the
twin's summation order is DuckDB's. NULL -> null, integers -> JSON integers, decimals -> JSON floats, strings -> strings.

Header lines a twin may carry (SQL comments at the top):
    -- columns: a, b, c            result column names, comma-separated
    -- reference-sets: LegitSES    reference sets the AQL needs (--reference-set Name=FILE)
    -- timezone: Asia/Kolkata      the --timezone to run the AQL with (default UTC); the twin
                                   does its own zone arithmetic (local_ts() etc. in _prelude.sql)
    -- unloaded-reference-sets: X  sets the AQL names but that are not loaded: each must give
                                   Skua's "not loaded" warning (and be empty)

Exits 1 (after running every case) if any twin fails, names a missing reference set, has no
.aql partner, or returns a value AQL cannot hold (boolean, NaN, infinity).
"""

import decimal
import ipaddress
import json
import math
import os
import re
import sys

import duckdb

NOW_MS = 1767312000000


def incidr(block, address):
    """INCIDR(block, address): NULL if the address is NULL or not an address (NULL in -> NULL
    out is DuckDB's default for Python functions)."""
    net = ipaddress.ip_network(block, strict=True)
    try:
        addr = ipaddress.ip_address(address)
    except ValueError:
        return None
    return addr.version == net.version and addr in net


MASK64 = (1 << 64) - 1


def qid(source, name):
    """`qid` as docs/aql.md defines it: the low 31 bits of FNV-1a (64-bit) over the UTF-8 text
    '<eventSource>:<eventName>', xored with the byte count, then MurmurHash3's fmix64. NULL in ->
    NULL out."""
    data = (source + ":" + name).encode("utf-8")
    h = 0xcbf29ce484222325
    for byte in data:
        h ^= byte
        h = (h * 0x100000001b3) & MASK64
    h ^= len(data)
    h ^= h >> 33
    h = (h * 0xff51afd7ed558ccd) & MASK64
    h ^= h >> 33
    h = (h * 0xc4ceb9fe1a85ec53) & MASK64
    h ^= h >> 33
    return h & 0x7FFFFFFF


def java_double_text(x):
    """A decimal as text (docs/aql.md STR): Java's Double.toString layout with the shortest
    digits that read back as the same double (Python's repr has those digits)."""
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0.0" if math.copysign(1, x) < 0 else "0.0"
    sign = "-" if x < 0 else ""
    mantissa, _, exponent = repr(abs(x)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    leading_zeros = len(whole + fraction) - len((whole + fraction).lstrip("0"))
    digits = (whole + fraction)[leading_zeros:].rstrip("0") or "0"
    point = int(exponent or 0) + len(whole) - leading_zeros    # x = 0.<digits> * 10^point
    if 1e-3 <= abs(x) < 1e7:
        if point > 0:
            padded = digits.ljust(point, "0")
            return sign + padded[:point] + "." + (padded[point:] or "0")
        return sign + "0." + "0" * -point + digits
    return sign + digits[0] + "." + (digits[1:] or "0") + "E" + str(point - 1)


def java_substring(s, start, length):
    """SUBSTRING(s, start, length) (docs/aql.md): UTF-16 units from `start` (from 0), clamped to
    the string; half a surrogate pair becomes U+FFFD."""
    units = s.encode("utf-16-le")
    count = len(units) // 2
    begin = max(0, min(start, count))
    end = max(begin, min(begin + max(length, 0), count))
    return units[2 * begin:2 * end].decode("utf-16-le", errors="replace")


def load(con, events_dir, cases_dir):
    schema_path = os.path.join(events_dir, "oracle_schema.json")
    with open(schema_path) as f:
        schema = json.load(f)
    oracle = os.path.join(events_dir, "events_oracle.jsonl")
    if not os.path.exists(oracle):
        sys.exit(f"run_twins: {oracle} not found (run generate_events.py first)")
    cols = "{" + ", ".join(f"'{k}': '{v}'" for k, v in schema.items()) + "}"
    con.execute(f"CREATE TABLE events AS SELECT * FROM read_json(?, format='newline_delimited', "
                f"columns={cols})", [oracle])
    con.create_function("incidr", incidr, ["VARCHAR", "VARCHAR"], "BOOLEAN")
    con.create_function("qid", qid, ["VARCHAR", "VARCHAR"], "BIGINT")
    con.create_function("java_double_text", java_double_text, ["DOUBLE"], "VARCHAR")
    con.create_function("java_substring", java_substring, ["VARCHAR", "BIGINT", "BIGINT"], "VARCHAR")
    refsets = {}
    refdir = os.path.join(cases_dir, "refsets")
    if os.path.isdir(refdir):
        for name in sorted(os.listdir(refdir)):
            if not name.endswith(".txt"):
                continue
            set_name = name[:-4]
            with open(os.path.join(refdir, name), encoding="utf-8") as f:
                values = [line.rstrip("\n") for line in f]
            if any(v == "" or v != v.strip() for v in values):
                sys.exit(f"run_twins: refsets/{name} has a blank line or surrounding spaces; "
                         "their meaning is undefined in docs/aql.md")
            con.execute(f'CREATE TABLE "refset_{set_name}" (value VARCHAR)')
            con.executemany(f'INSERT INTO "refset_{set_name}" VALUES (?)', [[v] for v in values])
            refsets[set_name] = f"refsets/{name}"
    prelude = os.path.join(cases_dir, "_prelude.sql")
    if os.path.exists(prelude):
        with open(prelude, encoding="utf-8") as f:
            con.execute(f.read())
    return refsets


def strip_strings(aql):
    """AQL text without its string literals and quoted names (for keyword search)."""
    return re.sub(r"'(?:[^']|'')*'|\"[^\"]*\"", " ", aql)


def has_order_by(aql):
    return re.search(r"\bORDER\s+BY\b", strip_strings(aql), re.IGNORECASE) is not None


AGGREGATE_CALL = re.compile(r"\b(COUNT|UNIQUECOUNT|SUM|AVG|MIN|MAX|FIRST|LAST)\s*\(", re.IGNORECASE)


def order_rule(aql):
    """How the AQL result is ordered (docs/aql.md "Order and determinism")."""
    text = strip_strings(aql)
    if has_order_by(aql):
        return "order by"
    if re.search(r"\bGROUP\s+BY\b", text, re.IGNORECASE) or AGGREGATE_CALL.search(text):
        return "group key"
    return "input order"


def headers(sql):
    out = {}
    for line in sql.splitlines():
        m = re.match(r"\s*--\s*([a-z-]+):\s*(.*?)\s*$", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def to_json_value(v, where):
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool):
        raise ValueError(f"{where}: boolean value {v}; AQL results hold no booleans")
    if isinstance(v, int):
        if not -(2 ** 63) <= v < 2 ** 63:
            raise ValueError(f"{where}: integer {v} overflows 64 bits")
        return v
    if isinstance(v, decimal.Decimal):
        raise ValueError(f"{where}: DECIMAL value {v}; cast to DOUBLE (AQL decimals are doubles)")
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise ValueError(f"{where}: {v}; AQL yields NULL instead")
        return v
    raise ValueError(f"{where}: unsupported value {v!r} ({type(v).__name__})")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    events_dir, cases_dir, out_dir = sys.argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    con = duckdb.connect()
    refsets = load(con, events_dir, cases_dir)
    names = sorted({f[:-4] for f in os.listdir(cases_dir) if re.match(r"\d\d.*\.(aql|sql)$", f)})
    failures = []
    for case in names:
        aql_path = os.path.join(cases_dir, case + ".aql")
        sql_path = os.path.join(cases_dir, case + ".sql")
        if not (os.path.exists(aql_path) and os.path.exists(sql_path)):
            failures.append(f"{case}: needs both {case}.aql and {case}.sql")
            continue
        with open(aql_path, encoding="utf-8") as f:
            aql = f.read()
        with open(sql_path, encoding="utf-8") as f:
            sql = f.read()
        h = headers(sql)
        try:
            needed = [s.strip() for s in h.get("reference-sets", "").split(",") if s.strip()]
            for s in needed:
                if s not in refsets:
                    raise ValueError(f"reference set {s} has no refsets/{s}.txt")
            unloaded = [s.strip() for s in h.get("unloaded-reference-sets", "").split(",") if s.strip()]
            if set(unloaded) & set(needed):
                raise ValueError("a reference set cannot be both loaded and unloaded")
            zone = h.get("timezone", "UTC")
            if con.execute("SELECT count(*) FROM pg_timezone_names() WHERE name = ?", [zone]).fetchone()[0] != 1:
                raise ValueError(f"unknown time zone {zone}")
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description]
            rows = cur.fetchall()
            if "columns" in h:
                named = [c.strip() for c in h["columns"].split(",")]
                if len(named) != len(columns):
                    raise ValueError(f"-- columns: names {len(named)} columns, the query returns "
                                     f"{len(columns)}")
                columns = named
            out_rows = [[to_json_value(v, f"row {i + 1}, column {columns[j]}")
                         for j, v in enumerate(row)] for i, row in enumerate(rows)]
        except (duckdb.Error, ValueError) as e:
            failures.append(f"{case}: {type(e).__name__}: {e}")
            continue
        result = {"case": case, "columns": columns, "ordered": has_order_by(aql),
                  "order_rule": order_rule(aql), "rows": out_rows,
                  "now": NOW_MS, "timezone": zone, "reference_sets": {s: refsets[s] for s in needed},
                  "unloaded_reference_sets": unloaded}
        with open(os.path.join(out_dir, case + ".json"), "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=None)
            f.write("\n")
        print(f"{case}: {len(out_rows)} rows", file=sys.stderr)
    if failures:
        print("run_twins: FAILED", file=sys.stderr)
        for msg in failures:
            print("  " + msg, file=sys.stderr)
        sys.exit(1)
    print(f"run_twins: {len(names)} cases -> {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
