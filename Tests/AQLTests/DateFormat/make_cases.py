#!/usr/bin/env python3
"""Inputs for DateFormatOracle.java: lines `epochMillis<TAB>pattern`.

    python3 make_cases.py [--seed N] [OUT]        (default OUT: stdout)

Instants (all after 1900, UTC):
  - 2000 random instants in 1900-01-02 … 2099-12-31 with random milliseconds (seeded);
  - every day 2025-12-20 … 2026-01-10, and the year ends 1999/2000 and 2020/2021 (Dec 20 …
    Jan 10), each at 00:00:00.000, 00:00:00.001, 11:59:59.999, 12:00:00.000, 13:05:09.007 and
    23:59:59.999: the week-year edge (US rules: weeks start Sunday, week 1 holds 1 January);
  - a few fixed ones: the epoch, just before it, 1900-01-02, leap days, 2038-01-19.
Patterns: every letter docs/aql.md lists for DATEFORMAT (G y Y M L w W D d F E u a H k K h m s S
z Z X) at several widths, quoted literals ('T', '', 'o''clock'), the patterns the differential
cases use, and a few compositions. Patterns Java rejects (unknown letter, XXXX, an unterminated
quote) come with only three instants: the oracle answers `!ERROR …` for them.
"""

import argparse
import calendar
import random
import sys

PATTERNS = [
    # one letter at a time, at the widths that change the output
    "G", "GGGG",
    "y", "yy", "yyy", "yyyy", "yyyyy",
    "Y", "YY", "YYY", "YYYY", "YYYYY",
    "M", "MM", "MMM", "MMMM", "MMMMM",
    "L", "LL", "LLL", "LLLL",
    "w", "ww", "W",
    "D", "DD", "DDD",
    "d", "dd",
    "F",
    "E", "EE", "EEE", "EEEE", "EEEEE",
    "u", "uu",
    "a", "aa",
    "H", "HH", "k", "kk", "K", "KK", "h", "hh",
    "m", "mm", "s", "ss",
    "S", "SS", "SSS", "SSSS",
    "z", "zzzz", "Z", "ZZ", "X", "XX", "XXX",
    # quoted text
    "'T'", "''", "'o''clock'", "h 'o''clock' a", "'literal text, no letters parsed: yMd'",
    "yyyy''MM", "''''",
    # the differential cases
    "YYYY-MM-dd HH:00:00", "yyyy-MM-dd", "HH", "EEE", "MMM", "hh a", "YYYY-MM-dd",
    "yyyy-MM-dd HH:00:00",
    # compositions
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ss'Z'", "EEE, d MMM yyyy HH:mm:ss Z",
    "yyyyMMddHHmmssSSS", "YYYY-'W'ww-u", "y-Y w/W D", "G yyyy MMMM d, EEEE", "K:mm a z",
    "k:mm:ss.S", "dd/MM/yy", "[HH:mm] #@!-", "F E W", "L/M", "a h H k K",
]

REJECTED = ["q", "b", "f", "XXXX", "'unterminated", "yyyy-MM-dd'T"]

TIMES_OF_DAY = [(0, 0, 0, 0), (0, 0, 0, 1), (11, 59, 59, 999), (12, 0, 0, 0), (13, 5, 9, 7),
                (23, 59, 59, 999)]


def ms(y, mo, d, h=0, mi=0, s=0, milli=0):
    return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)) * 1000 + milli


def days(start, end):
    """Every day from start to end inclusive, as (y, m, d)."""
    t = ms(*start)
    stop = ms(*end)
    while t <= stop:
        tm = __import__("time").gmtime(t // 1000)
        yield tm.tm_year, tm.tm_mon, tm.tm_mday
        t += 86400000


def instants(seed):
    rng = random.Random(seed)
    out = [rng.randrange(ms(1900, 1, 2), ms(2100, 1, 1)) for _ in range(2000)]
    for start, end in [((2025, 12, 20), (2026, 1, 10)), ((1999, 12, 20), (2000, 1, 10)),
                       ((2020, 12, 20), (2021, 1, 10))]:
        for y, mo, d in days(start, end):
            out += [ms(y, mo, d, *tod) for tod in TIMES_OF_DAY]
    out += [0, -1, ms(1900, 1, 2), ms(2000, 2, 29, 12), ms(2024, 2, 29, 23, 59, 59, 999),
            ms(2038, 1, 19, 3, 14, 8), ms(1969, 12, 31, 23, 59, 59, 999)]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--seed", type=int, default=20260101)
    args = ap.parse_args()
    f = open(args.out, "w", encoding="utf-8", newline="\n") if args.out else sys.stdout
    ts = instants(args.seed)
    n = 0
    for t in ts:
        for p in PATTERNS:
            f.write(f"{t}\t{p}\n")
            n += 1
    for t in ts[:3]:
        for p in REJECTED:
            f.write(f"{t}\t{p}\n")
            n += 1
    if args.out:
        f.close()
    print(f"make_cases: {len(ts)} instants x {len(PATTERNS)} patterns + rejected = {n} lines",
          file=sys.stderr)


if __name__ == "__main__":
    main()
