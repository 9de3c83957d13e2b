#!/usr/bin/env python3
"""DuckDB twins of the two benchmark queries, written from what the AQL means.

Run by Benchmarks/run under /usr/bin/time; the whole process is timed, so the
`import duckdb` below is part of every measurement (Benchmarks/run reports the
import on its own as well).

    duckdb_twin.py --query published|projection --form jsonl|records|records-plain
                   --threads W --out FILE.tsv [--now RFC3339] PATH

PATH is a folder (every *.jsonl; every *.json.gz for --form records; every
*.json for --form records-plain, below it) or one file. The result rows are written to FILE.tsv, one row a line, tab
separated, NULL as the text NULL, in no particular order (the harness sorts).

Choices made for DuckDB's best honest speed:
- `columns={...}` pins exactly the keys each query reads, with their types, so
  DuckDB neither samples the files to guess a schema nor builds columns for
  the ~30 other keys of a CloudTrail record; nested objects are typed as
  STRUCTs holding only the members used (DuckDB skips the rest).
- JSON Lines are read with format='newline_delimited'; the S3 objects
  ({"Records":[...]}, gzip or plain) with format='unstructured', one Records
  list per file, UNNESTed into rows.
- eventTime is parsed as a TIMESTAMP by the JSON reader (CloudTrail writes
  ISO 8601 in UTC, e.g. 2026-01-05T03:05:00Z).
"""
import argparse
import os
import sys

import duckdb

SERVICES = ("ses.amazonaws.com", "sns.amazonaws.com", "bedrock.amazonaws.com")
NAMES = (
    "SendEmail", "SendRawEmail", "SendBulkTemplatedEmail", "SendBulkEmail", "SendTemplatedEmail",
    "Publish", "PublishBatch",
    "InvokeModel", "InvokeModelWithResponseStream", "CreateModelInvocationJob", "InvokeAgent",
)

PUBLISHED_COLUMNS = {
    "eventTime": "TIMESTAMP",
    "eventSource": "VARCHAR",
    "eventName": "VARCHAR",
    "errorCode": "VARCHAR",
    "userIdentity": "STRUCT(arn VARCHAR, type VARCHAR)",
    "sourceIPAddress": "VARCHAR",
    "awsRegion": "VARCHAR",
}

# The projection query reads nine keys; skua also reads eventTime for every
# record (an event needs one), DuckDB is not made to.
PROJECTION_COLUMNS = {
    "eventSource": "VARCHAR",
    "eventName": "VARCHAR",
    "awsRegion": "VARCHAR",
    "sourceIPAddress": "VARCHAR",
    "userIdentity": "STRUCT(arn VARCHAR, type VARCHAR)",
    "userAgent": "VARCHAR",
    "errorCode": "VARCHAR",
    "eventID": "VARCHAR",
}

# QRadar's sourceip (and skua's) is sourceIPAddress when that is an IP address,
# else NULL ('AWS Internal', 'lambda.amazonaws.com', '035.1.2.3'). DuckDB's core
# has no IP type without the inet extension, so the twin recognises the text:
# dotted-decimal IPv4 without leading zeros, or hex-and-colon text with at
# least one colon for IPv6. It does not re-spell addresses in canonical form;
# CloudTrail (and skua simulate) already writes them that way.
OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4 = rf"{OCTET}(\.{OCTET}){{3}}"
IPV6 = r"[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*"
SOURCE_IP = (
    f"CASE WHEN regexp_full_match(sourceIPAddress, '{IPV4}') "
    f"OR regexp_full_match(sourceIPAddress, '{IPV6}') THEN sourceIPAddress END"
)


def sql_list(values):
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def struct_type(columns):
    return "STRUCT(" + ", ".join(f'"{k}" {v}' for k, v in columns.items()) + ")"


def source(form, path, columns):
    """A FROM item with one row per record and the pinned keys as columns."""
    if form == "jsonl":
        glob = os.path.join(path, "**", "*.jsonl") if os.path.isdir(path) else path
        spec = "{" + ", ".join(f"'{k}': '{v}'" for k, v in columns.items()) + "}"
        return (
            f"read_json('{glob}', format='newline_delimited', columns={spec}, "
            f"maximum_object_size=268435456)"
        )
    # records: the S3 objects gzip-compressed (*.json.gz); records-plain: the same objects
    # decompressed (*.json).
    gz = form == "records"
    glob = os.path.join(path, "**", "*.json.gz" if gz else "*.json") if os.path.isdir(path) else path
    records = struct_type(columns) + "[]"
    flat = ", ".join(f'r."{k}" AS "{k}"' for k in columns)
    return (
        f"(SELECT {flat} FROM (SELECT unnest(Records) AS r FROM read_json('{glob}', "
        f"format='unstructured', compression='{'gzip' if gz else 'none'}', columns={{'Records': '{records}'}}, "
        f"maximum_object_size=1073741824)))"
    )


def published_sql(form, path, now):
    # QRadar: DATEFORMAT(starttime, 'YYYY-MM-dd HH:00:00'). YYYY is Java's week
    # year, which differs from the calendar year only from 28 to 31 December;
    # the benchmark data is 5 January 2026, so the calendar year (%Y) gives the
    # same label. starttime is eventTime offline.
    # LAST 1 DAYS and starttime > NOW() - 86400000 both mean
    # now - 1 day < eventTime <= now.
    window = ""
    if now:
        window = (
            f"AND eventTime > (TIMESTAMP '{now}' - INTERVAL 1 DAY) "
            f"AND eventTime <= TIMESTAMP '{now}'"
        )
    return f"""
SELECT strftime(eventTime, '%Y-%m-%d %H:00:00') AS bucket,
       eventSource,
       userIdentity.arn AS caller_arn,
       userIdentity.type AS caller_type,
       sourceIPAddress,
       awsRegion,
       count(*) AS n
FROM {source(form, path, PUBLISHED_COLUMNS)}
WHERE eventSource IN ({sql_list(SERVICES)})
  AND eventName IN ({sql_list(NAMES)})
  AND (errorCode IS NULL OR errorCode = '')
  {window}
GROUP BY 1, 2, 3, 4, 5, 6
HAVING (eventSource = 'ses.amazonaws.com' AND count(*) > 100)
    OR (eventSource = 'sns.amazonaws.com' AND count(*) > 200)
    OR (eventSource = 'bedrock.amazonaws.com' AND count(*) > 50)
"""


def projection_sql(form, path):
    # UNIQUECOUNT(x) is COUNT(DISTINCT x): exact, NULLs not counted. MAX of a
    # string compares bytes in both engines.
    return f"""
SELECT eventSource, eventName, awsRegion,
       count(*) AS n,
       count(DISTINCT {SOURCE_IP}) AS ips,
       count(DISTINCT userIdentity.arn) AS arns,
       count(DISTINCT userIdentity.type) AS types,
       count(DISTINCT userAgent) AS agents,
       count(DISTINCT errorCode) AS errors,
       max(eventID) AS maxid
FROM {source(form, path, PROJECTION_COLUMNS)}
GROUP BY 1, 2, 3
"""


def cell(value):
    if value is None:
        return "NULL"
    text = str(value)
    return (text.replace("\\", "\\\\").replace("\t", "\\t")
                .replace("\n", "\\n").replace("\r", "\\r"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--query", choices=("published", "projection"), required=True)
    ap.add_argument("--form", choices=("jsonl", "records", "records-plain"), required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--now", help="RFC 3339 'now' for the published query's LAST 1 DAYS")
    ap.add_argument("--print-sql", action="store_true")
    ap.add_argument("path")
    a = ap.parse_args()

    now = None
    if a.now:
        # TIMESTAMP literal: drop the zone designator (UTC is meant).
        now = a.now.rstrip("Z").replace("T", " ")
    sql = (published_sql(a.form, a.path, now) if a.query == "published"
           else projection_sql(a.form, a.path))
    if a.print_sql:
        print(sql)
        return 0

    con = duckdb.connect()
    con.execute(f"SET threads = {a.threads}")
    con.execute("SET enable_progress_bar = false")
    rows = con.execute(sql).fetchall()
    with open(a.out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(cell(v) for v in row) + "\n")
    print(f"{len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
