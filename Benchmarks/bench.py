#!/usr/bin/env python3
"""The Skua benchmark driver. Run it through Benchmarks/run (which finds or builds skua).

Generates simulated CloudTrail of the requested sizes, runs skua and its peers
(DuckDB, jq) and the I/O and decompression floors (cat, zcat, zlib, libdeflate),
each as its own process under /usr/bin/time, checks that every tool computed
the same result, and prints a markdown table. Benchmarks/README.md describes
what is measured and how.
"""
import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
RULE = os.path.join(REPO, "rules", "qradar", "t1496.004-cloud-service-hijacking.aql")
PROJECTION_AQL = os.path.join(HERE, "queries", "projection.aql")
JQ_PROGRAM = os.path.join(HERE, "queries", "published-groups.jq")
DUCKDB_TWIN = os.path.join(HERE, "duckdb_twin.py")
INFLATE_C = os.path.join(HERE, "floors", "inflate.c")

# skua simulate's default background is 24 hours from 2026-01-05T00:00:00Z; this
# "now" puts that whole day inside the query's LAST 1 DAYS (the run checks that the
# window left no event out).
NOW = "2026-01-05T23:59:59.999Z"
NOW_MINUS_1D = "2026-01-04T23:59:59.999Z"
SEED = 1
NOISE_MAX = 100000
TIME = "/usr/bin/time"

PUBLISHED_RULE_ID = "t1496.004-published"
PUBLISHED_COLUMNS = ["TimeBucket", "ServiceAbused", "CallerARN", "CallerType", "SourceIP",
                     "AWSRegion", "EventCount"]
PROJECTION_COLUMNS = ["EventSource", "EventName", "AWSRegion", "n", "ips", "arns", "types",
                      "agents", "errors", "maxid"]

INPUT_LABEL = {"s3": "S3 gzip {\"Records\"}", "s3plain": "S3 plain .json {\"Records\"}",
               "jsonl": "JSON Lines tree", "onefile": "one JSON Lines file"}
WORKLOAD_LABEL = {"simulate": "skua simulate (writes the S3 gzip tree)", "floor": "floor",
                  "hunt": "skua hunt (2 rules)", "published": "published query", "projection": "10-field projection"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg, code=1):
    log("error: " + msg)
    sys.exit(code)


def parse_size(text):
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)B?\s*", text, re.IGNORECASE)
    if not m:
        die(f"cannot read size {text!r} (examples: 256M, 1G, 4G)", 2)
    unit = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}[m.group(2).upper()]
    return int(float(m.group(1)) * unit)


def sh(argv, **kw):
    return subprocess.run(argv, check=True, stdout=subprocess.PIPE, text=True, **kw).stdout


def sh_or(argv, default=""):
    try:
        return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True).stdout.strip() or default
    except OSError:
        return default


def files_under(root, suffix):
    out = []
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith(suffix):
                out.append(os.path.join(d, n))
    out.sort()
    return out


def write_nul_list(path, files):
    with open(path, "wb") as f:
        for p in files:
            f.write(p.encode() + b"\0")


def tsv_cell(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return (text.replace("\\", "\\\\").replace("\t", "\\t")
                .replace("\n", "\\n").replace("\r", "\\r"))


def sorted_tsv(lines):
    return "".join(sorted(line if line.endswith("\n") else line + "\n" for line in lines if line.strip()))


# ---------------------------------------------------------------------------
# the harness


class Bench:
    def __init__(self, args, skua):
        self.a = args
        self.skua = skua
        self.data = os.path.abspath(args.data)
        os.makedirs(self.data, exist_ok=True)
        self.work = os.path.join(self.data, "work")
        os.makedirs(self.work, exist_ok=True)
        self.skua_version = sh_or([skua, "version"], "unknown")
        self.inflate = os.path.join(self.data, "inflate")
        self.results = {}   # key -> {"times": [seconds, ...], "rss_kb": [peak RSS, ...]}
        self.reference = {}  # key -> normalized output of the first run
        self.sizes = {}     # label -> facts about that size's data
        self.load = []      # 1-minute load average before and after each size's runs

    # ---- tools -----------------------------------------------------------

    def build_inflate(self):
        if (os.path.exists(self.inflate)
                and os.path.getmtime(self.inflate) >= os.path.getmtime(INFLATE_C)):
            return
        log(f"compiling {os.path.relpath(INFLATE_C, REPO)} -> {self.inflate}")
        subprocess.run(["gcc", "-O2", "-o", self.inflate, INFLATE_C, "-lz", "-ldeflate"], check=True)

    # ---- data --------------------------------------------------------------

    def calibrate(self):
        """Bytes of JSON per unit of --noise, fitted from two small simulations."""
        path = os.path.join(self.data, "calibration.json")
        key = {"skua_version": self.skua_version, "seed": SEED}
        if os.path.exists(path):
            with open(path) as f:
                cal = json.load(f)
            if cal.get("key") == key:
                return cal["fixed"], cal["per_noise"]
        points = []
        for noise in (40, 240):
            tmp = os.path.join(self.data, f"calibrate-{noise}")
            shutil.rmtree(tmp, ignore_errors=True)
            subprocess.run([self.skua, "simulate", "all", "--layout", "jsonl", "--noise", str(noise),
                            "--seed", str(SEED), "--out", tmp], check=True, stdout=subprocess.DEVNULL)
            points.append((noise, sum(os.path.getsize(p) for p in files_under(tmp, ".jsonl"))))
            shutil.rmtree(tmp)
        (n1, b1), (n2, b2) = points
        per_noise = (b2 - b1) / (n2 - n1)
        fixed = b1 - per_noise * n1
        with open(path, "w") as f:
            json.dump({"key": key, "fixed": fixed, "per_noise": per_noise, "points": points}, f)
        return fixed, per_noise

    def simulate(self, layout, noise, out):
        """Writes one layout into `out` (via a temporary folder) and returns (files, records)."""
        tmp = out + ".partial"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        argv = [self.skua, "simulate", "all", "--noise", str(noise), "--seed", str(SEED), "--out", tmp]
        if layout != "s3":
            argv += ["--layout", layout]
        log(f"generating: {' '.join(argv[1:])}")
        started = time.monotonic()
        text = sh(argv)
        log(f"  (generated in {time.monotonic() - started:.0f} s)")
        m = re.search(r"wrote (\d+) files, (\d+) records", text)
        if not m:
            die(f"could not read skua simulate's summary:\n{text}")
        os.rename(tmp, out)
        return int(m.group(1)), int(m.group(2))

    def marker(self, path):
        try:
            with open(path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def ensure_data(self, label, target):
        fixed, per_noise = self.calibrate()
        noise = max(1, min(NOISE_MAX, round((target - fixed) / per_noise)))
        params = {"target_bytes": target, "noise": noise, "seed": SEED, "scenarios": "all",
                  "hours": 24, "skua_version": self.skua_version}
        facts = {"label": label, "noise": noise, "target": target}
        generated = set()
        for layout in ("s3", "jsonl"):
            out = os.path.join(self.data, f"{layout}-{label}")
            mpath = out + ".marker.json"
            m = self.marker(mpath)
            want = dict(params, layout=layout)
            if not self.a.regenerate and m and m.get("params") == want and os.path.isdir(out):
                log(f"reusing {out} ({m['records']} records)")
            else:
                if os.path.exists(mpath):
                    os.remove(mpath)
                files, records = self.simulate(layout, noise, out)
                generated.add(layout)
                m = {"params": want, "files": files, "records": records}
                with open(mpath, "w") as f:
                    json.dump(m, f, indent=1)
            facts[layout] = {"path": out, "files": m["files"], "records": m["records"]}

        # The third form: every JSON Lines file of the tree, concatenated in path order.
        one = os.path.join(self.data, f"onefile-{label}.jsonl")
        mpath = one + ".marker.json"
        m = self.marker(mpath)
        want = dict(params, layout="onefile")
        jsonl_files = files_under(facts["jsonl"]["path"], ".jsonl")
        if "jsonl" not in generated and m and m.get("params") == want and os.path.isfile(one):
            log(f"reusing {one}")
        else:
            if os.path.exists(mpath):
                os.remove(mpath)
            log(f"concatenating {len(jsonl_files)} JSON Lines files into {one}")
            added_newlines = 0
            with open(one + ".partial", "wb") as dst:
                for p in jsonl_files:
                    with open(p, "rb") as src:
                        last = b""
                        while True:
                            block = src.read(1 << 22)
                            if not block:
                                break
                            dst.write(block)
                            last = block[-1:]
                    if last not in (b"", b"\n"):
                        dst.write(b"\n")
                        added_newlines += 1
            os.rename(one + ".partial", one)
            m = {"params": want, "added_newlines": added_newlines}
            with open(mpath, "w") as f:
                json.dump(m, f, indent=1)
        if m.get("added_newlines"):
            log(f"note: {m['added_newlines']} JSON Lines files did not end in a newline")

        # The fourth form: the S3 tree decompressed, same paths without .gz (plain {"Records"}
        # objects, as a trail without compression or an unzipped evidence copy holds them).
        plain = os.path.join(self.data, f"s3plain-{label}")
        mpath = plain + ".marker.json"
        m = self.marker(mpath)
        want = dict(params, layout="s3plain")
        if "s3" not in generated and m and m.get("params") == want and os.path.isdir(plain):
            log(f"reusing {plain}")
        else:
            if os.path.exists(mpath):
                os.remove(mpath)
            shutil.rmtree(plain + ".partial", ignore_errors=True)
            shutil.rmtree(plain, ignore_errors=True)
            log(f"decompressing the S3 tree into {plain}")
            for src in files_under(facts["s3"]["path"], ".json.gz"):
                dst = os.path.join(plain + ".partial", os.path.relpath(src, facts["s3"]["path"])[:-3])
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                with gzip.open(src, "rb") as fin, open(dst, "wb") as fout:
                    shutil.copyfileobj(fin, fout, 1 << 22)
            os.rename(plain + ".partial", plain)
            with open(mpath, "w") as f:
                json.dump({"params": want}, f, indent=1)
        plain_files = files_under(plain, ".json")
        facts["s3plain"] = {"path": plain, "bytes": sum(os.path.getsize(p) for p in plain_files),
                            "nfiles": len(plain_files), "records": facts["s3"]["records"]}

        # Measured sizes (uncompressed bytes) and record counts.
        s3_files = files_under(facts["s3"]["path"], ".json.gz")
        other = [p for p in files_under(facts["s3"]["path"], "") if not p.endswith(".json.gz")]
        if other:
            die(f"unexpected non-.json.gz files in {facts['s3']['path']}: {other[:3]}")
        lists = os.path.join(self.work, label)
        os.makedirs(lists, exist_ok=True)
        s3_list = os.path.join(lists, "s3.files")
        write_nul_list(s3_list, s3_files)
        out = sh([self.inflate, "--libdeflate", "--list", s3_list])
        mo = re.search(r"files=(\d+) in_bytes=(\d+) out_bytes=(\d+)", out)
        facts["s3"].update(bytes=int(mo.group(3)), gz_bytes=int(mo.group(2)), list=s3_list,
                           nfiles=len(s3_files))
        facts["jsonl"].update(bytes=sum(os.path.getsize(p) for p in jsonl_files), nfiles=len(jsonl_files),
                              file_list=jsonl_files)
        lines = 0
        with open(one, "rb") as f:
            while True:
                block = f.read(1 << 24)
                if not block:
                    break
                lines += block.count(b"\n")
        facts["onefile"] = {"path": one, "bytes": os.path.getsize(one), "records": lines, "nfiles": 1}
        r = {k: facts[k]["records"] for k in ("s3", "jsonl", "onefile")}
        if len(set(r.values())) != 1:
            die(f"{label}: the layouts disagree on the number of records: {r}")
        facts["records"] = r["s3"]
        if facts["s3plain"]["bytes"] != facts["s3"]["bytes"] or facts["s3plain"]["nfiles"] != len(s3_files):
            die(f"{label}: the plain S3 tree ({facts['s3plain']['nfiles']} files, {facts['s3plain']['bytes']} bytes) "
                f"is not the gzip tree decompressed ({len(s3_files)} files, {facts['s3']['bytes']} bytes)")
        for layout, found in (("s3", len(s3_files)), ("jsonl", len(jsonl_files))):
            if facts[layout]["files"] != found:
                die(f"{label}: skua simulate wrote {facts[layout]['files']} {layout} files, "
                    f"{found} are there")
        # W-way splits of the gzip list for the multi-process floors.
        facts["s3"]["splits"] = {}
        for w in self.a.workers:
            if w > 1:
                parts = []
                for i in range(w):
                    p = os.path.join(lists, f"s3.files.{w}.{i}")
                    write_nul_list(p, s3_files[i::w])
                    parts.append(p)
                facts["s3"]["splits"][w] = parts
        self.sizes[label] = facts
        log(f"{label}: noise {noise}, {facts['records']} records; uncompressed "
            f"{facts['s3']['bytes'] / 1e6:.1f} MB (S3, {facts['s3']['gz_bytes'] / 1e6:.1f} MB gzip in "
            f"{len(s3_files)} files), {facts['jsonl']['bytes'] / 1e6:.1f} MB (JSON Lines, "
            f"{len(jsonl_files)} files)")
        return facts

    # ---- jobs --------------------------------------------------------------

    def jobs_for(self, label):
        f = self.sizes[label]
        a = self.a
        inputs = {"s3": f["s3"]["path"], "s3plain": f["s3plain"]["path"], "jsonl": f["jsonl"]["path"],
                  "onefile": f["onefile"]["path"]}
        jobs = []

        def job(workload, inp, tool, w, argv, check, gate=None, pre=None):
            key = (label, workload, inp, tool, w)
            base = "_".join([label, workload, inp, re.sub(r"[^A-Za-z0-9]+", "-", tool), f"w{w}"])
            jobs.append({"key": key, "argv": argv, "check": check, "gate": gate, "pre": pre,
                         "out": os.path.join(self.work, label, base + ".out"),
                         "err": os.path.join(self.work, label, base + ".err"),
                         "tsv": os.path.join(self.work, label, base + ".tsv")})

        # Floors first: they also bring the inputs into the page cache.
        jl = f["jsonl"]["path"]
        s3 = f["s3"]["path"]
        job("floor", "jsonl", "cat", 1,
            ["bash", "-c", 'find "$1" -type f -name "*.jsonl" -print0 | xargs -0 cat > /dev/null', "_", jl],
            ("exit0",))
        job("floor", "onefile", "cat", 1, ["bash", "-c", 'cat "$1" > /dev/null', "_", inputs["onefile"]],
            ("exit0",))
        job("floor", "s3plain", "cat", 1,
            ["bash", "-c", 'find "$1" -type f -name "*.json" -print0 | xargs -0 cat > /dev/null', "_",
             inputs["s3plain"]], ("exit0",))
        job("floor", "s3", "zcat", 1,
            ["bash", "-c", 'find "$1" -type f -name "*.gz" -print0 | xargs -0 zcat > /dev/null', "_", s3],
            ("exit0",))
        for decoder, flag in (("zlib (C)", []), ("libdeflate (C)", ["--libdeflate"])):
            job("floor", "s3", decoder, 1, [self.inflate] + flag + ["--list", f["s3"]["list"]],
                ("inflate", f["s3"]["bytes"]))
            for w, parts in sorted(f["s3"]["splits"].items()):
                script = " ".join(f'"{self.inflate}" {" ".join(flag)} --list "{p}" & p{i}=$!;'
                                  for i, p in enumerate(parts))
                script += " status=0; " + " ".join(f"wait $p{i} || status=1;" for i in range(len(parts)))
                script += " exit $status"
                job("floor", "s3", decoder, w, ["bash", "-c", script], ("inflate", f["s3"]["bytes"]))

        # The simulator writing this size's S3 tree again (issue: 1 GB in under a minute on 2 cores).
        scratch = os.path.join(self.work, label, "simulate-out")
        for w in a.workers:
            job("simulate", "s3", "skua", w,
                [self.skua, "simulate", "all", "--noise", str(f["noise"]), "--seed", str(SEED), "--workers", str(w),
                 "--out", scratch],
                ("simulate", f["records"]), pre=["rm", "-rf", scratch])
        for inp in ("s3", "s3plain", "jsonl", "onefile"):
            for w in a.workers:
                job("hunt", inp, "skua", w,
                    [self.skua, "hunt", "--quiet", "--workers", str(w), "--format", "json", inputs[inp]],
                    ("skua-hunt", f["records"]), gate="published")
        for inp in ("s3", "s3plain", "jsonl", "onefile"):
            for w in a.workers:
                job("published", inp, "skua", w,
                    [self.skua, "aql", "--quiet", "--workers", str(w), "--format", "json", "--now", NOW,
                     "--file", RULE, inputs[inp]],
                    ("skua-aql", f["records"], True), gate="published")
        # DuckDB's twins: JSON Lines at every size, the {"Records"} objects (slow) up to --records-max.
        duckdb_forms = [("jsonl", "jsonl"), ("onefile", "jsonl")]
        if f["target"] <= a.records_max:
            duckdb_forms += [("s3", "records"), ("s3plain", "records-plain")]

        def duckdb_jobs(query, extra):
            for inp, form in duckdb_forms:
                for w in a.workers:
                    job(query, inp, "DuckDB", w,
                        [sys.executable, DUCKDB_TWIN, "--query", query, "--form", form, "--threads", str(w)]
                        + extra + ["--out", "{tsv}", inputs[inp]],
                        ("tsv",), gate=query)

        duckdb_jobs("published", ["--now", NOW])
        if f["target"] <= a.jq_max:
            job("published", "jsonl", "jq", 1,
                ["jq", "-n", "-r", "--arg", "after", NOW_MINUS_1D[:19], "--arg", "upto", NOW[:19],
                 "-f", JQ_PROGRAM] + f["jsonl"]["file_list"],
                ("jq",), gate="published")
        for inp in ("s3", "s3plain", "jsonl", "onefile"):
            for w in a.workers:
                job("projection", inp, "skua", w,
                    [self.skua, "aql", "--quiet", "--workers", str(w), "--format", "json",
                     "--file", PROJECTION_AQL, inputs[inp]],
                    ("skua-aql", f["records"], False), gate="projection")
        duckdb_jobs("projection", [])
        return jobs

    # ---- running -------------------------------------------------------------

    def run_job(self, j, run_index):
        argv = [x.replace("{tsv}", j["tsv"] + ".raw") for x in j["argv"]]
        tfile = j["out"] + ".time"
        if j.get("pre"):
            subprocess.run(j["pre"], check=True)
        with open(j["out"], "wb") as out, open(j["err"], "wb") as err:
            p = subprocess.run([TIME, "-f", "%e %M", "-o", tfile] + argv, stdout=out, stderr=err,
                               env=dict(os.environ, NO_COLOR="1"))
        with open(tfile) as f:
            last = [ln for ln in f.read().splitlines() if ln.strip()][-1]
        elapsed, rss_kb = last.split()
        normalized = self.check(j, p.returncode)
        r = self.results.setdefault(j["key"], {"times": [], "rss_kb": []})
        r["times"].append(float(elapsed))
        r["rss_kb"].append(int(rss_kb))
        if normalized is not None:
            if run_index == 0:
                self.reference[j["key"]] = normalized
                with open(j["tsv"], "w") as f:
                    f.write(normalized)
            elif normalized != self.reference[j["key"]]:
                die(f"{j['key']}: run {run_index + 1} returned other rows than run 1 "
                    f"(first run: {j['tsv']}, this run: {j['out']})")

    def fail_job(self, j, why):
        with open(j["err"], errors="replace") as f:
            tail = f.read()[-2000:]
        die(f"{' '.join(map(str, j['key']))}: {why}\n  command: {' '.join(j['argv'][:12])}"
            f"{' …' if len(j['argv']) > 12 else ''}\n  stderr ({j['err']}):\n{tail}")

    def check(self, j, rc):
        kind = j["check"][0]
        if kind == "exit0":
            if rc != 0:
                self.fail_job(j, f"exit status {rc}")
            return None
        if kind == "simulate":
            if rc != 0:
                self.fail_job(j, f"exit status {rc}")
            with open(j["out"]) as f:
                mo = re.search(r"wrote (\d+) files, (\d+) records", f.read())
            if not mo or int(mo.group(2)) != j["check"][1]:
                self.fail_job(j, f"simulate wrote {mo.group(2) if mo else '?'} records, the data set has {j['check'][1]}")
            return None
        if kind == "inflate":
            if rc != 0:
                self.fail_job(j, f"exit status {rc}")
            with open(j["out"]) as f:
                got = sum(int(x) for x in re.findall(r"out_bytes=(\d+)", f.read()))
            if got != j["check"][1]:
                self.fail_job(j, f"inflated {got} bytes, expected {j['check'][1]}")
            return None
        if kind in ("tsv", "jq"):
            if rc != 0:
                self.fail_job(j, f"exit status {rc}")
            src = j["tsv"] + ".raw" if kind == "tsv" else j["out"]
            with open(src, encoding="utf-8") as f:
                return sorted_tsv(f.readlines())
        # skua: 1 means findings (expected), 0 no findings; 3 and 4 mean skipped input.
        if rc not in (0, 1):
            self.fail_job(j, f"exit status {rc} (3 or 4: some input was skipped or malformed)")
        with open(j["out"], encoding="utf-8") as f:
            doc = json.load(f)
        records = j["check"][1]
        ing = doc["ingest"]
        rec = ing["records"]
        problems = []
        if rec["found"] != records or rec["evaluated"] != records:
            problems.append(f"ingest report: {rec['found']} records found, {rec['evaluated']} evaluated; "
                            f"the data holds {records}")
        if ing["files"]["failed"] or rec["malformed"] or rec["untimed"] or not ing.get("reconciles", True):
            problems.append(f"ingest report shows damage: {json.dumps(ing['files'])} {json.dumps(rec)}")
        if kind == "skua-hunt":
            rules = [r for r in doc["header"]["rules"] if r["id"] == PUBLISHED_RULE_ID]
            if len(rules) != 1:
                problems.append(f"no rule {PUBLISHED_RULE_ID} in the hunt header")
            elif rules[0]["events_left_out_by_window"] != 0:
                problems.append(f"the hunt window left out {rules[0]['events_left_out_by_window']} events")
            rows = [x for x in doc["findings"] if x.get("rule_id") == PUBLISHED_RULE_ID]
            cols = PUBLISHED_COLUMNS
        else:
            rule = doc["header"]["rules"][0]
            if rule["events_left_out_by_window"] != 0:
                problems.append(f"the window ({rule['window']}) left out {rule['events_left_out_by_window']} "
                                f"events")
            if j["check"][2]:
                if doc["header"]["now"] != NOW:
                    problems.append(f"header now is {doc['header']['now']}, not {NOW}")
                cols = PUBLISHED_COLUMNS
            else:
                cols = PROJECTION_COLUMNS
            rows = doc["findings"]
        if problems:
            self.fail_job(j, "; ".join(problems))
        return sorted_tsv("\t".join(tsv_cell(row.get(c)) for c in cols) for row in rows)

    def gate(self, label, jobs):
        """Every tool that computes a query's rows must have computed the same rows."""
        for gate in ("published", "projection"):
            members = [j for j in jobs if j["gate"] == gate]
            if not members:
                continue
            ref = members[0]
            ref_rows = self.reference[ref["key"]]
            if not ref_rows.strip():
                die(f"{label} {gate}: {' '.join(map(str, ref['key']))} returned no rows; the gate needs some")
            bad = []
            for j in members[1:]:
                if self.reference[j["key"]] != ref_rows:
                    bad.append(j)
            if bad:
                for j in bad:
                    d = subprocess.run(["diff", "-u", ref["tsv"], j["tsv"]], stdout=subprocess.PIPE,
                                       text=True).stdout.splitlines()
                    print(f"correctness gate FAILED ({label}, {gate}): "
                          f"{' '.join(map(str, j['key']))} differs from {' '.join(map(str, ref['key']))}",
                          flush=True)
                    print("\n".join(d[:80]) + ("\n… (diff cut)" if len(d) > 80 else ""), flush=True)
                sys.exit(1)
            nrows = ref_rows.count("\n")
            self.sizes[label].setdefault("gate", {})[gate] = (len(members), nrows)
            log(f"{label}: correctness gate '{gate}' passed: {len(members)} runs of "
                f"{len({(j['key'][2], j['key'][3]) for j in members})} tool/input pairs agree on {nrows} rows")

    def warm(self, label):
        f = self.sizes[label]
        log(f"{label}: reading the inputs once (page cache)")
        subprocess.run(["bash", "-c", 'find "$1" "$2" -type f -print0 | xargs -0 cat > /dev/null; '
                        'cat "$3" > /dev/null; find "$4" -type f -print0 | xargs -0 cat > /dev/null', "_",
                        f["s3"]["path"], f["jsonl"]["path"], f["onefile"]["path"], f["s3plain"]["path"]], check=True)

    def run_size(self, label):
        jobs = self.jobs_for(label)
        self.warm(label)
        self.load.append(os.getloadavg()[0])
        for run_index in range(self.a.runs):
            for n, j in enumerate(jobs, 1):
                k = j["key"]
                log(f"[{label} run {run_index + 1}/{self.a.runs} job {n}/{len(jobs)}] "
                    f"{WORKLOAD_LABEL[k[1]]} · {k[2]} · {k[3]} · workers {k[4]}")
                self.run_job(j, run_index)
            if run_index == 0:
                self.gate(label, jobs)
        self.load.append(os.getloadavg()[0])

    # ---- report --------------------------------------------------------------

    def machine(self):
        cpu = "unknown"
        try:
            with open("/proc/cpuinfo") as f:
                for line in f:
                    if line.startswith("model name"):
                        cpu = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
        mem = "unknown"
        try:
            with open("/proc/meminfo") as f:
                for line in f:
                    if line.startswith("MemTotal"):
                        mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                        break
        except OSError:
            pass
        commit = sh_or(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], "unknown")
        if sh_or(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"]):
            commit += " (with uncommitted changes in the work tree)"
        # With $SKUA the binary need not be built from this commit: say when it is older.
        built = datetime.datetime.fromtimestamp(os.path.getmtime(self.skua), datetime.timezone.utc)
        binary = f"{self.skua} ({self.skua_version}, modified {built:%Y-%m-%d %H:%M} UTC)"
        committed = sh_or(["git", "-C", REPO, "log", "-1", "--format=%ct"])
        if committed.isdigit() and os.path.getmtime(self.skua) < int(committed):
            when = datetime.datetime.fromtimestamp(int(committed), datetime.timezone.utc)
            binary += (f" — older than the commit ({when:%Y-%m-%d %H:%M} UTC), so possibly not built "
                       f"from it")
        import_s = self.duckdb_import_seconds()
        return {
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "nproc": sh_or(["nproc"], "?"),
            "cpu": cpu,
            "kernel": platform.system() + " " + platform.release(),
            "memory": mem,
            "commit": commit,
            "skua": binary,
            "duckdb": sh_or([sys.executable, "-c", "import duckdb; print(duckdb.__version__)"], "?"),
            "duckdb_import": import_s,
            "jq": sh_or(["jq", "--version"], "?"),
            "inflate": sh_or([self.inflate, "--version"], "?"),
            "python": platform.python_version(),
        }

    def duckdb_import_seconds(self):
        times = []
        for _ in range(max(3, self.a.runs)):
            with tempfile.NamedTemporaryFile("r") as t:
                subprocess.run([TIME, "-f", "%e", "-o", t.name, sys.executable, "-c", "import duckdb"],
                               check=True)
                times.append(float(t.read().split()[-1]))
        return statistics.median(times)

    def table(self):
        def med(key):
            r = self.results.get(key)
            return statistics.median(r["times"]) if r else None

        lines = ["| workload | input | size (MB, uncompressed) | tool | workers | median s | MB/s | events/s "
                 "| peak RSS MB | peer time ÷ skua time |",
                 "|---|---|--:|---|--:|--:|--:|--:|--:|---|"]
        order = {"simulate": -1, "floor": 0, "hunt": 1, "published": 2, "projection": 3}
        inp_order = {"s3": 0, "s3plain": 1, "jsonl": 2, "onefile": 3}
        tool_order = {"skua": 0, "DuckDB": 1, "jq": 2, "cat": 3, "zcat": 4, "zlib (C)": 5, "libdeflate (C)": 6}
        labels = list(self.sizes)
        keys = sorted(self.results, key=lambda k: (labels.index(k[0]), order[k[1]], inp_order[k[2]],
                                                   tool_order.get(k[3], 9), k[4]))
        for k in keys:
            label, workload, inp, tool, w = k
            facts = self.sizes[label]
            size = facts[inp]["bytes"]
            t = med(k)
            rss = max(self.results[k]["rss_kb"]) * 1024 / 1e6
            # /usr/bin/time reports hundredths of a second: a run under 0.01 s has no rate.
            secs = f"{t:.2f}" if t > 0 else "< 0.01"
            mbps = f"{size / 1e6 / t:,.0f}" if t > 0 else "—"
            evps = f"{facts['records'] / t:,.0f}" if t > 0 else "—"
            if workload == "floor":
                parts = []
                for wl, name in (("hunt", "hunt"), ("projection", "10-field")):
                    st = med((label, wl, inp, "skua", w))
                    if st and t > 0:
                        parts.append(f"skua {name} at {100 * t / st:.0f}% of this floor")
                ratio = "; ".join(parts) or "—"
            elif workload == "simulate":
                ratio = "—"
            elif tool == "skua":
                ratio = "1 (reference)" if workload != "hunt" else "—"
            else:
                st = med((label, workload, inp, "skua", w))
                ratio = f"{t / st:.2f}" if st else "—"
            lines.append(f"| {WORKLOAD_LABEL[workload]} | {INPUT_LABEL[inp]} | {size / 1e6:,.1f} | {tool} | {w} "
                         f"| {secs} | {mbps} | {evps} | {rss:,.0f} | {ratio} |")
        return "\n".join(lines)

    def summary(self):
        """The figures the issues set targets for, read off the table (nothing asserted)."""
        def med(key):
            r = self.results.get(key)
            return statistics.median(r["times"]) if r else None

        def rss(key):
            r = self.results.get(key)
            return max(r["rss_kb"]) * 1024 / 1e6 if r else None

        lines = ["Read off the table:", ""]
        ws = self.a.workers
        wmax = max(ws)
        for label, f in self.sizes.items():
            parts = []
            for inp in ("jsonl", "onefile", "s3plain"):
                t = med((label, "published", inp, "skua", wmax))
                if t:
                    parts.append(f"{INPUT_LABEL[inp]} {f[inp]['bytes'] / 1e9 / t:.2f} GB/s")
            lines.append(f"- {label}, published query, plain JSON at {wmax} workers: " + "; ".join(parts))
            parts = []
            for w in ws:
                z = med((label, "floor", "s3", "zlib (C)", w))
                for wl in ("published", "hunt"):
                    t = med((label, wl, "s3", "skua", w))
                    if z and t:
                        parts.append(f"{wl} {100 * z / t:.0f}% at {w}")
            lines.append(f"- {label}, gzip input, skua's speed as a share of zlib inflate at the same worker count: "
                         + "; ".join(parts))
            parts = []
            for inp in ("jsonl", "onefile", "s3", "s3plain"):
                for w in ws:
                    d, t = med((label, "published", inp, "DuckDB", w)), med((label, "published", inp, "skua", w))
                    if d and t:
                        parts.append(f"{INPUT_LABEL[inp]} at {w}: {d / t:.1f}×")
            lines.append(f"- {label}, DuckDB time ÷ skua time, published query: " + "; ".join(parts))
            j = med((label, "published", "jsonl", "jq", 1))
            if j:
                parts = [f"skua at {w} worker{'s' if w > 1 else ''}: {j / med((label, 'published', 'jsonl', 'skua', w)):.1f}×"
                         for w in ws if med((label, "published", "jsonl", "skua", w))]
                lines.append(f"- {label}, jq time ÷ skua time (JSON Lines tree): " + "; ".join(parts))
            if 1 in ws and wmax > 1:
                parts = []
                for wl in ("published", "hunt"):
                    for inp in ("s3", "s3plain", "jsonl", "onefile"):
                        a, b = med((label, wl, inp, "skua", 1)), med((label, wl, inp, "skua", wmax))
                        if a and b:
                            parts.append(f"{wl} {inp} {a / b:.2f}×")
                lines.append(f"- {label}, scaling from 1 to {wmax} workers: " + "; ".join(parts))
                a, b = med((label, "floor", "s3", "zlib (C)", 1)), med((label, "floor", "s3", "zlib (C)", wmax))
                c, d = med((label, "floor", "s3", "libdeflate (C)", 1)), med((label, "floor", "s3", "libdeflate (C)", wmax))
                if a and b and c and d:
                    lines.append(f"  (the floors, {wmax} processes against 1: zlib {a / b:.2f}×, libdeflate {c / d:.2f}×)")
            t = med((label, "simulate", "s3", "skua", wmax))
            if t:
                lines.append(f"- {label}, `skua simulate` writing the gzip S3 tree at {wmax} workers: {t:.1f} s "
                             f"({f['s3']['bytes'] / 1e6 / t:,.0f} MB/s uncompressed)")
        labels = list(self.sizes)
        if len(labels) > 1:
            parts = []
            for wl in ("hunt", "published"):
                for inp in ("s3", "jsonl", "onefile"):
                    values = [rss((label, wl, inp, "skua", wmax)) for label in labels]
                    if all(values):
                        parts.append(f"{wl} {inp} " + " / ".join(f"{v:,.0f}" for v in values))
            lines.append(f"- peak RSS of skua (MB) at {' / '.join(labels)}, {wmax} workers: " + "; ".join(parts))
        return lines

    def report(self):
        m = self.machine()
        out = ["## Skua benchmark", "",
               f"- date: {m['date']}",
               f"- machine: {m['nproc']} cores ({m['cpu']}), {m['memory']} memory, {m['kernel']}",
               f"- skua: commit {m['commit']}; binary {m['skua']}",
               f"- peers: DuckDB {m['duckdb']} (Python {m['python']}; `import duckdb` alone takes "
               f"{m['duckdb_import']:.2f} s, included in every DuckDB time), {m['jq']}, {m['inflate']}",
               f"- runs: median of {self.a.runs}; workers {','.join(map(str, self.a.workers))}; "
               f"warm page cache; MB = 10^6 bytes",
               f"- 1-minute load average before/after each size's runs: "
               f"{', '.join(f'{x:.2f}' for x in self.load)} (other work on the machine shows here)"]
        for label, f in self.sizes.items():
            g = f.get("gate", {})
            gate = ", ".join(f"{name}: {n} runs agree on {rows} rows" for name, (n, rows) in g.items())
            out.append(f"- {label}: `skua simulate all --noise {f['noise']} --seed {SEED}`, {f['records']:,} "
                       f"records; S3 layout {f['s3']['nfiles']} gzip files ({f['s3']['gz_bytes'] / 1e6:,.1f} MB "
                       f"compressed); JSON Lines {f['jsonl']['nfiles']} files; correctness gate passed ({gate})")
        out += ["", self.table(), ""] + self.summary() + ["",
                "Peer time ÷ skua time compares a peer with skua aql on the same query, input and worker "
                "(thread) count: above 1 means skua was faster. Floor rows give skua's throughput as a share "
                "of the floor's at the same worker count. jq is single-threaded and runs only up to "
                f"{self.a.jq_max / 1e9:g} GB; DuckDB over the gzip {{\"Records\"}} files only up to "
                f"{self.a.records_max / 1e6:g} MB."]
        return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(
        prog="Benchmarks/run",
        description="Skua against DuckDB, jq and the cat/zcat/zlib/libdeflate floors on simulated "
                    "CloudTrail, with a correctness gate. See Benchmarks/README.md.")
    ap.add_argument("--sizes", default="256M,1G,4G", help="uncompressed sizes to generate (default 256M,1G,4G)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each command; the median is reported")
    ap.add_argument("--workers", default="1,2", help="worker (thread) counts to measure at (default 1,2)")
    ap.add_argument("--data", default="/tmp/skua-bench", help="where generated data lives (default /tmp/skua-bench)")
    ap.add_argument("--quick", action="store_true", help="256M only, 1 run (a smoke test)")
    ap.add_argument("--out", help="also write the report (markdown) to this file")
    ap.add_argument("--regenerate", action="store_true", help="generate the data even when it could be reused")
    ap.add_argument("--jq-max", default="1G", help="largest size jq runs at (default 1G)")
    ap.add_argument("--records-max", default="256M",
                    help="largest size DuckDB reads the gzip {\"Records\"} files at (default 256M)")
    a = ap.parse_args()
    if a.quick:
        a.sizes, a.runs = "256M", 1
    if a.runs < 1:
        die("--runs must be at least 1", 2)
    try:
        a.workers = sorted({int(x) for x in a.workers.split(",") if x.strip()})
    except ValueError:
        die(f"--workers takes numbers separated by commas, not {a.workers!r}", 2)
    if not a.workers or min(a.workers) < 1:
        die("--workers needs at least one count of 1 or more", 2)
    a.jq_max = parse_size(a.jq_max)
    a.records_max = parse_size(a.records_max)
    sizes = [(s.strip().upper(), parse_size(s)) for s in a.sizes.split(",") if s.strip()]

    skua = os.environ.get("SKUA")
    if not skua or not os.access(skua, os.X_OK):
        die("SKUA must name the skua binary (Benchmarks/run sets it)", 2)
    for tool in ("jq", "gcc", "zcat", TIME):
        if not shutil.which(tool):
            die(f"{tool} is needed and was not found", 2)
    try:
        import duckdb  # noqa: F401
    except ImportError:
        die("the Python package duckdb is needed (pip install duckdb)", 2)

    b = Bench(a, os.path.abspath(skua))
    b.build_inflate()
    for label, target in sizes:
        b.ensure_data(label, target)
    for label, _ in sizes:
        b.run_size(label)
    with open(os.path.join(b.data, "results.json"), "w") as f:
        sizes = {k: dict(v, jsonl={x: y for x, y in v["jsonl"].items() if x != "file_list"})
                 for k, v in b.sizes.items()}
        json.dump({"sizes": sizes,
                   "results": [{"key": list(k), **v} for k, v in b.results.items()]}, f, indent=1, default=str)
    text = b.report()
    print(text, end="")
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
