#!/usr/bin/env python3
"""Deterministic CloudTrail events for Skua's AQL differential suite.

    python3 generate_events.py OUTDIR [--seed N]

writes

  OUTDIR/events.jsonl         one CloudTrail record per line: what `skua aql` reads;
  OUTDIR/events_oracle.jsonl  one flat row per record: the catalog properties the twins use,
                              computed here from the *parsed* line, independently of Skua,
                              following docs/aql.md and Sources/CloudTrail/Catalog/properties.json.

The records are shuffled (CloudTrail files are unordered); `ord` is the 1-based line number of
the record in events.jsonl, i.e. Skua's input order, used for FIRST/LAST tie-breaks.

The layout is fixed by hand (see PLANTED below) so the published query returns several groups
with --now 2026-01-02T00:00:00Z; the seed only moves times inside an hour, picks noise, and
shuffles. Every planted count is independent of the seed.
"""

import argparse
import calendar
import ipaddress
import json
import os
import random
import re
import sys
import uuid

NOW_MS = 1767312000000  # 2026-01-02T00:00:00Z, the --now every case uses

# --------------------------------------------------------------------------------------------
# Identities

ACCT_A = "111122223333"
ACCT_B = "444455556666"


def iam_user(acct, name, key):
    return {"type": "IAMUser", "principalId": "AIDA" + name.upper()[:8].ljust(8, "X"),
            "arn": f"arn:aws:iam::{acct}:user/{name}", "accountId": acct,
            "accessKeyId": key, "userName": name}


def assumed_role(acct, role, session, key):
    return {"type": "AssumedRole", "principalId": "AROA" + role.upper()[:8] + ":" + session,
            "arn": f"arn:aws:sts::{acct}:assumed-role/{role}/{session}", "accountId": acct,
            "accessKeyId": key,
            "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROA" + role.upper()[:8],
                                                 "arn": f"arn:aws:iam::{acct}:role/{role}",
                                                 "accountId": acct, "userName": role},
                               "attributes": {"creationDate": "2025-12-26T08:00:00Z",
                                              "mfaAuthenticated": "false"}}}


MAILER = iam_user(ACCT_A, "svc-mailer", "AKIAMAILER0000000001")
NEWSLETTER = iam_user(ACCT_A, "newsletter", "AKIANEWSLETTER000002")
TRANSACTIONAL = assumed_role(ACCT_A, "TransactionalMail", "ses-sender", "ASIATRANSACTIONAL003")
OTP = assumed_role(ACCT_A, "OtpService", "otp-1", "ASIAOTPSERVICE000004")
SMSBOT = iam_user(ACCT_A, "sms-bot", "AKIASMSBOT0000000005")
MLDEV = iam_user(ACCT_B, "ml-dev", "AKIAMLDEV00000000006")
PIPELINE = assumed_role(ACCT_B, "MLPipeline", "tuning-job", "ASIAMLPIPELINE000007")
ROOT = {"type": "Root", "principalId": ACCT_A, "arn": f"arn:aws:iam::{ACCT_A}:root",
        "accountId": ACCT_A, "accessKeyId": "ASIAROOTSESSION00008"}
# attacker-controlled text: unicode and both quote characters in the ARN of a federated user
FEDERATED = {"type": "FederatedUser", "principalId": f"{ACCT_A}:Zoë\"O'Brien",
             "arn": f"arn:aws:sts::{ACCT_A}:federated-user/Zoë\"O'Brien", "accountId": ACCT_A,
             "accessKeyId": "ASIAFEDERATED0000009"}
SERVICE = {"type": "AWSService", "invokedBy": "trustedadvisor.amazonaws.com"}
TIE_TESTER = iam_user(ACCT_A, "tie-tester", "AKIATIETESTER0000010")
UNICODE_USER = {"type": "Unknown", "principalId": "Ωmega", "arn": f"arn:aws:iam::{ACCT_A}:user/Ωmega-été",
                "accountId": ACCT_A}

NOISE_IDENTITIES = [MAILER, NEWSLETTER, TRANSACTIONAL, OTP, SMSBOT, MLDEV, PIPELINE, ROOT,
                    FEDERATED, SERVICE, UNICODE_USER,
                    iam_user(ACCT_A, "alice", "AKIAALICE00000000011"),
                    iam_user(ACCT_B, "bob", "AKIABOB0000000000012"),
                    assumed_role(ACCT_B, "ReadOnlyAudit", "auditor@example.com", "ASIAAUDIT00000000013")]

# callers of planted groups: noise never sends as them, so planted counts stay exact
PLANTED_CALLERS = [MAILER, NEWSLETTER, TRANSACTIONAL, OTP, SMSBOT, MLDEV, PIPELINE, FEDERATED]
NOISE_ONLY_IDENTITIES = [i for i in NOISE_IDENTITIES if i not in PLANTED_CALLERS]
SEND_NAMES = {"SendEmail", "SendRawEmail", "SendBulkTemplatedEmail", "SendBulkEmail",
              "SendTemplatedEmail", "Publish", "PublishBatch", "InvokeModel",
              "InvokeModelWithResponseStream", "CreateModelInvocationJob", "InvokeAgent"}

REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2", "eu-central-1"]

# sourceIPAddress values as written (raw), several spellings of the same address
NOISE_IPS = ["198.51.100.7", "203.0.113.45", "192.0.2.10", "10.1.2.3", "10.200.0.9", "172.16.5.4",
             "10.255.255.255", "11.0.0.1", "0.0.0.0",
             "2001:db8:85a3::8a2e:370:7334", "2001:0DB8:85A3:0000:0000:8A2E:0370:7334",
             "2001:db8::1a", "2001:DB8:0:0:0:0:0:1A", "2600:1f18:abcd::", "2600:1F18:ABCD:0:0:0:0:0",
             "fe80::1", "::1", "2001:db9::5",
             # RFC 5952: one zero field stays, the longest run (leftmost on a tie) becomes ::
             "2001:db8:0:1:1:1:1:1", "2001:0:0:1:0:0:0:1", "2001:DB8:0:0:1:0:0:1", "0:0:0:0:0:0:0:0",
             "::ffff:198.51.100.9", "::FFFF:C633:6409",
             "AWS Internal", "bedrock.amazonaws.com", "ses.amazonaws.com", "035.249.253.232",
             "256.1.1.1", "1.2.3", ""]

USER_AGENTS = [
    "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64",
    "Boto3/1.34.10 md/Botocore#1.34.10 ua/2.0 os/linux",
    "aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21",
    "AWS Internal",
    "console.amazonaws.com",
    "Mozilla/5.0 \"quoted\" agent; l'été",       # both quotes, non-ASCII
    "curl/8.4.0 ünïcödé-ÉÇÀ",                     # upper/lower mapping of accented letters
    "python-requests/2.31 😀 emoji",              # non-BMP: 2 UTF-16 units
    "ＡＷＳ fullwidth agent",                      # U+FF21: UTF-8 order ≠ UTF-16 order vs emoji
    "😀 leading emoji",                           # sorts after U+FF21 by UTF-8 bytes, before by UTF-16
    "back\\slash agent",
    "",
]

NOISE_ACTIONS = [
    ("s3.amazonaws.com", "ListBuckets"), ("s3.amazonaws.com", "GetBucketAcl"),
    ("sts.amazonaws.com", "AssumeRole"), ("sts.amazonaws.com", "GetCallerIdentity"),
    ("iam.amazonaws.com", "ListUsers"), ("iam.amazonaws.com", "CreateAccessKey"),
    ("ec2.amazonaws.com", "DescribeInstances"), ("ec2.amazonaws.com", "RunInstances"),
    ("ses.amazonaws.com", "GetSendQuota"), ("ses.amazonaws.com", "ListIdentities"),
    ("ses.amazonaws.com", "PutAccountDetails"), ("ses.amazonaws.com", "VerifyEmailIdentity"),
    ("sns.amazonaws.com", "SetSMSAttributes"), ("sns.amazonaws.com", "CreateTopic"),
    ("bedrock.amazonaws.com", "ListFoundationModels"),
    ("bedrock.amazonaws.com", "GetFoundationModelAvailability"),
    ("bedrock.amazonaws.com", "Converse"),
    ("signin.amazonaws.com", "ConsoleLogin"),
    # low-volume sends: never near a threshold
    ("ses.amazonaws.com", "SendEmail"), ("sns.amazonaws.com", "Publish"),
    ("bedrock.amazonaws.com", "InvokeModel"),
]

SEND_ERRORS = [None, None, None, None, None, None, None, "", "AccessDenied", "ValidationException",
               "ThrottlingException", "MessageRejected"]

MODELS = ["anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.titan-text-lite-v1",
          "meta.llama3-70b-instruct-v1:0"]


def ms(text):
    """Epoch ms of a UTC 'YYYY-MM-DDTHH:MM:SS[.mmm]' (generator side, for planting times)."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?", text)
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)) * 1000 + int(m.group(7) or 0)


def event_time_text(t, with_millis):
    secs, millis = divmod(t, 1000)
    import time as _time
    base = _time.strftime("%Y-%m-%dT%H:%M:%S", _time.gmtime(secs))
    return f"{base}.{millis:03d}Z" if with_millis else base + "Z"


class Builder:
    def __init__(self, rng, extra_rng):
        self.rng = rng
        # Draws for fields added after the layout was fixed (recipientAccountId drift, the
        # Bedrock API-key flag), so they leave the main stream - and every planted time - as it was.
        self.extra_rng = extra_rng
        self.records = []  # (dict, serialization flavour)

    def uid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def record(self, t, source, name, identity, region, ip, error=None,
               agent=None, millis=None, version=None, extra=None, recipient_drift=False):
        """identity: a dict, None (JSON null), or 'absent'; region: str or 'absent';
        ip: str or 'absent'; error: None (no key), 'null' (JSON null) or a string.
        recipient_drift: recipientAccountId is sometimes absent, null or a JSON number."""
        rng = self.rng
        if millis is None:
            millis = rng.random() < 0.3
        if not millis:
            t -= t % 1000
        rec = {"eventVersion": version or rng.choice(["1.08", "1.09", "1.11"])}
        if identity != "absent":
            rec["userIdentity"] = identity
        rec["eventTime"] = event_time_text(t, millis)
        rec["eventSource"] = source
        rec["eventName"] = name
        if region != "absent":
            rec["awsRegion"] = region
        if ip != "absent":
            rec["sourceIPAddress"] = ip
        rec["userAgent"] = agent if agent is not None else rng.choice(USER_AGENTS)
        if error == "null":
            rec["errorCode"] = None
        elif error is not None:
            rec["errorCode"] = error
            rec["errorMessage"] = f"{error}: l'opération a échoué \"{name}\"" if error else ""
        if source == "bedrock.amazonaws.com" and name.startswith("Invoke"):
            rec["requestParameters"] = {"modelId": rng.choice(MODELS)}
            rec["tlsDetails"] = {"tlsVersion": "TLSv1.3",
                                 "clientProvidedHostHeader": "bedrock-runtime.us-east-1.amazonaws.com"}
            if self.extra_rng.random() < 0.1:     # called with a Bedrock API key
                rec["additionalEventData"] = {"callWithBearerToken": True}
        elif rng.random() < 0.2:
            rec["requestParameters"] = None
        else:
            rec["requestParameters"] = {"filter": {"eventName": "decoy", "eventTime": "decoy"}}
        rec["responseElements"] = None
        rec["requestID"] = self.uid()
        rec["eventID"] = self.uid()
        r = rng.random()
        if r < 0.1:
            rec["readOnly"] = "true"        # type drift: string
        else:
            rec["readOnly"] = name.startswith(("List", "Get", "Describe"))
        rec["eventType"] = "AwsApiCall"
        if rng.random() < 0.9:
            rec["managementEvent"] = name not in ("Publish", "PublishBatch", "InvokeAgent")
        acct = identity.get("accountId") if isinstance(identity, dict) else None
        drift = self.extra_rng.random() if recipient_drift else 1.0
        if drift < 0.03:
            pass                                  # no recipientAccountId: logsourceid is NULL
        elif drift < 0.05:
            rec["recipientAccountId"] = None
        elif drift < 0.08:
            rec["recipientAccountId"] = int(acct or ACCT_B)   # type drift: a JSON number
        else:
            rec["recipientAccountId"] = acct or ACCT_A
        rec["eventCategory"] = "Management"
        if extra:
            rec.update(extra)
        self.records.append(rec)

    # a run of n calls spread uniformly over [start, end) (ms)
    def burst(self, n, start, end, source, name, identity, region, ip, errors=None, **kw):
        for i in range(n):
            t = self.rng.randrange(start, end)
            err = errors[i] if errors else None
            self.record(t, source, name, identity=identity, region=region,
                        ip=ip(i) if callable(ip) else ip, error=err, **kw)


def hour(day, h):
    start = ms(f"{day}T{h:02d}:00:00")
    return start, start + 3600000


# --------------------------------------------------------------------------------------------
# PLANTED: the groups the published query sees. "Kept" refers to the query as published with
# --now 2026-01-02T00:00:00Z (window 2026-01-01T00:00:00Z < starttime <= 2026-01-02T00:00:00Z).

def plant(b):
    D1 = "2026-01-01"
    ses, sns, brk = "ses.amazonaws.com", "sns.amazonaws.com", "bedrock.amazonaws.com"

    # G1 SES SendEmail svc-mailer 198.51.100.7 us-east-1 10h: 150 ok + 5 errorCode "" (ok)
    #    + 12 AccessDenied + 3 errorCode null (ok) -> 158 counted, kept, score 1
    errs = [None] * 150 + [""] * 5 + ["AccessDenied"] * 12 + ["null"] * 3
    b.burst(len(errs), *hour(D1, 10), ses, "SendEmail", MAILER, "us-east-1", "198.51.100.7", errors=errs)
    # G2 SES SendRawEmail TransactionalMail (LegitSES) 203.0.113.45 us-east-1 14h: 340, score 2
    b.burst(340, *hour(D1, 14), ses, "SendRawEmail", TRANSACTIONAL, "us-east-1", "203.0.113.45")
    # G3 SES SendBulkTemplatedEmail newsletter (LegitSES) 192.0.2.10 eu-west-1 09h: 101, kept
    b.burst(101, *hour(D1, 9), ses, "SendBulkTemplatedEmail", NEWSLETTER, "eu-west-1", "192.0.2.10")
    # G4 SES SendTemplatedEmail svc-mailer us-west-2 16h: exactly 100 -> not kept
    b.burst(100, *hour(D1, 16), ses, "SendTemplatedEmail", MAILER, "us-west-2", "198.51.100.7")
    # G5 SNS Publish OtpService 10.1.2.3 us-east-1 08h: 210, kept
    b.burst(210, *hour(D1, 8), sns, "Publish", OTP, "us-east-1", "10.1.2.3")
    # G6 SNS PublishBatch sms-bot, one IPv6 address in two spellings (105 + 100) -> 205 kept
    b.burst(205, *hour(D1, 20), sns, "PublishBatch", SMSBOT, "ap-southeast-2",
            lambda i: "2001:db8:85a3::8a2e:370:7334" if i < 105 else "2001:0DB8:85A3:0000:0000:8A2E:0370:7334")
    # G7 Bedrock InvokeModelWithResponseStream ml-dev 203.0.113.99 us-east-1 03h: 510, score 3
    b.burst(510, *hour(D1, 3), brk, "InvokeModelWithResponseStream", MLDEV, "us-east-1", "203.0.113.99")
    # G8 Bedrock InvokeModel ml-dev us-west-2 04h: 160, score 2
    b.burst(160, *hour(D1, 4), brk, "InvokeModel", MLDEV, "us-west-2", "203.0.113.99")
    # G9/G10 Bedrock InvokeModel MLPipeline 10.200.0.9 us-east-1, 12h and 13h: 51 each (a tie)
    b.burst(51, *hour(D1, 12), brk, "InvokeModel", PIPELINE, "us-east-1", "10.200.0.9")
    b.burst(51, *hour(D1, 13), brk, "InvokeModel", PIPELINE, "us-east-1", "10.200.0.9")
    # G11 Bedrock CreateModelInvocationJob ml-dev 05h: exactly 50 -> not kept
    b.burst(50, *hour(D1, 5), brk, "CreateModelInvocationJob", MLDEV, "us-east-1", "203.0.113.99")
    # G12 burst straddling 18:00: 45 in 17:40-18:00, 45 in 18:00-18:20 -> neither hour kept
    b.burst(45, ms(f"{D1}T17:40:00"), ms(f"{D1}T18:00:00"), brk, "InvokeModel", MLDEV, "eu-central-1", "203.0.113.99")
    b.burst(45, ms(f"{D1}T18:00:00"), ms(f"{D1}T18:20:00"), brk, "InvokeModel", MLDEV, "eu-central-1", "203.0.113.99")
    # G13 Bedrock InvokeModel MLPipeline 21h, sourceip NULL (3 non-IP spellings): 60 kept, UNIQUECOUNT 0
    b.burst(60, *hour(D1, 21), brk, "InvokeModel", PIPELINE, "us-east-1",
            lambda i: "AWS Internal" if i < 30 else ("bedrock.amazonaws.com" if i < 50 else "035.249.253.232"))
    # G14 Bedrock InvokeAgent ml-dev 198.51.100.7, no awsRegion, 22h: 55 kept (AWSRegion NULL)
    b.burst(55, *hour(D1, 22), brk, "InvokeAgent", MLDEV, "absent", "198.51.100.7")
    # G15 Bedrock InvokeModel ml-dev 198.51.100.7 us-east-1 00h: 51, one exactly at
    #     2026-01-01T00:00:00Z (outside LAST 1 DAYS) -> 50 in window, not kept; 51 in a hunt
    b.record(ms(f"{D1}T00:00:00"), brk, "InvokeModel", MLDEV, "us-east-1", "198.51.100.7", millis=False)
    b.burst(50, ms(f"{D1}T00:00:01"), ms(f"{D1}T01:00:00"), brk, "InvokeModel", MLDEV, "us-east-1", "198.51.100.7")
    # G16 SES SendEmail without a caller: userIdentity absent (30) or null (20), 11h -> 50, not kept
    b.burst(30, *hour(D1, 11), ses, "SendEmail", "absent", "us-east-1", "192.0.2.200")
    b.burst(20, *hour(D1, 11), ses, "SendEmail", None, "us-east-1", "192.0.2.200")
    # G17 Bedrock Converse (not in the query's list) ml-dev 19h: 80, never counted
    b.burst(80, *hour(D1, 19), brk, "Converse", MLDEV, "us-east-1", "203.0.113.99")
    # G18 Bedrock InvokeModel 15h: 40 ok + 25 AccessDenied -> 40, not kept
    b.burst(65, *hour(D1, 15), brk, "InvokeModel", PIPELINE, "us-west-2", "10.200.0.9",
            errors=[None] * 40 + ["AccessDenied"] * 25)
    # G19 eventSource in the wrong case: 110 'SES.amazonaws.com' -> no match (= is case-sensitive)
    b.burst(110, *hour(D1, 7), "SES.amazonaws.com", "SendEmail", MAILER, "us-east-1", "198.51.100.7")
    # G20 SNS Publish by a federated user with unicode and quotes in the ARN, 23h: 201 kept
    b.burst(201, *hour(D1, 23), sns, "Publish", FEDERATED, "eu-west-1", "2600:1f18:abcd::")
    # one event exactly at now (inside every window ending at now)
    b.record(NOW_MS, sns, "Publish", FEDERATED, "eu-west-1", "2600:1f18:abcd::", millis=False)

    # ---- before the window (seen by hunt-style cases only)
    # 2025-12-27 (Saturday, week year 2025) 23h: Bedrock 70
    b.burst(70, *hour("2025-12-27", 23), brk, "InvokeModel", MLDEV, "us-east-1", "203.0.113.99")
    # 2025-12-28 (Sunday, week year 2026 -> DATEFORMAT YYYY gives '2026-12-28') 23h: SES 120
    b.burst(120, *hour("2025-12-28", 23), ses, "SendEmail", MAILER, "us-east-1", "198.51.100.7")
    # 2025-12-30 05h: SES with no caller (NULL ARN/type): 110
    b.burst(110, *hour("2025-12-30", 5), ses, "SendEmail", "absent", "us-east-1", "192.0.2.200")
    # SNS burst over the year boundary: 230 in 2025-12-31 23:30-24:00 (kept in a hunt, bucket
    # '2026-12-31 23:00:00'), 150 in 2026-01-01 00:00:01-00:30 (not kept)
    b.burst(230, ms("2025-12-31T23:30:00"), ms("2026-01-01T00:00:00"), sns, "Publish", OTP, "us-east-1", "10.1.2.3")
    b.burst(150, ms("2026-01-01T00:00:01"), ms("2026-01-01T00:30:00"), sns, "Publish", OTP, "us-east-1", "10.1.2.3")

    # ---- exact window boundaries (background actions)
    for text in ["2025-12-31T23:00:00", "2026-01-01T01:00:00", "2026-01-01T22:00:00",
                 "2026-01-01T22:30:00", "2026-01-01T22:30:30", "2026-01-01T23:59:59.999"]:
        b.record(ms(text), "s3.amazonaws.com", "GetBucketAcl", ROOT, "us-east-1", "192.0.2.10",
                 millis=text.endswith(".999"), agent="boundary-probe")

    # ---- ties: same identity, equal times, different values (FIRST/LAST pick by input order)
    for text, agent, name in [("2025-12-29T08:00:00", "tie-agent-A", "ListUsers"),
                              ("2025-12-29T08:00:00", "tie-agent-B", "ListUsers"),
                              ("2025-12-29T08:00:00", "tie-agent-C", "ListUsers"),
                              ("2025-12-29T08:30:00.250", "tie-agent-D", "CreateAccessKey"),
                              ("2025-12-29T09:00:00.500", "tie-agent-E", "ListUsers"),
                              ("2025-12-29T09:00:00.500", "tie-agent-F", "ListUsers")]:
        b.record(ms(text), "iam.amazonaws.com", name, TIE_TESTER, "us-east-1", "198.51.100.50",
                 millis="." in text, agent=agent,
                 error="AccessDenied" if agent == "tie-agent-D" else None)


def noise(b, n):
    rng = b.rng
    start, end = ms("2025-12-27T00:00:00"), ms("2026-01-02T00:00:00")
    for _ in range(n):
        source, name = rng.choice(NOISE_ACTIONS)
        r = rng.random()
        identity = "absent" if r < 0.04 else (None if r < 0.07 else rng.choice(NOISE_IDENTITIES))
        if name in SEND_NAMES and isinstance(identity, dict) and identity in PLANTED_CALLERS:
            identity = rng.choice(NOISE_ONLY_IDENTITIES)   # keep planted counts exact
        region = "absent" if rng.random() < 0.05 else rng.choice(REGIONS)
        ip = "absent" if rng.random() < 0.02 else rng.choice(NOISE_IPS)
        e = rng.random()
        error = (None if e < 0.65 else "null" if e < 0.70 else "" if e < 0.78
                 else "AccessDenied" if e < 0.92 else rng.choice(SEND_ERRORS[-3:]))
        b.record(rng.randrange(start, end), source, name, identity, region, ip, error, recipient_drift=True)


def serialize(rec, rng):
    """One line of JSON, in one of a few equivalent spellings."""
    if rng.random() < 0.15:               # key order is not fixed in the wild
        items = list(rec.items())
        rng.shuffle(items)
        rec = dict(items)
    line = json.dumps(rec, ensure_ascii=rng.random() < 0.5, separators=(",", ":"))
    if rng.random() < 0.2:                # escaped solidus: "aws-cli\/2.15.0"
        ua = rec.get("userAgent")
        if isinstance(ua, str) and "/" in ua:
            enc = json.dumps(ua, ensure_ascii=False)
            if enc in line:
                line = line.replace(enc, enc.replace("/", "\\/"), 1)
    return line


# --------------------------------------------------------------------------------------------
# Oracle: catalog properties from the parsed record (docs/aql.md "Data model")

_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z")


def epoch_millis(text):
    m = _TIME.fullmatch(text)
    if not m:
        raise ValueError(f"unusable eventTime {text!r}")
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    frac = (m.group(7) or "").ljust(3, "0")[:3]
    return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)) * 1000 + int(frac)


def canonical_ip(value):
    """sourceip: canonical text of an IP address, else None."""
    if not isinstance(value, str):
        return None
    try:
        addr = ipaddress.ip_address(value)   # rejects leading-zero IPv4 ('035.249.253.232')
    except ValueError:
        return None
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.scope_id is not None:
            raise ValueError(f"scoped IPv6 in test data: {value!r}")
        if addr.ipv4_mapped is not None:
            return f"::ffff:{addr.ipv4_mapped}"
    return str(addr)


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def parse_spans(line, i=0):
    """The JSON value at line[i:] with the text each part was written as: returns (node, end),
    node = {"members": {key: node}, "raw": text} for an object, {"value": v, "raw": text} for
    anything else (arrays are not walked into: no path goes through one)."""
    i = _SPACE.match(line, i).end()
    if line[i] != "{":
        value, j = _DECODER.raw_decode(line, i)
        return {"value": value, "raw": line[i:j]}, j
    members = {}
    j = _SPACE.match(line, i + 1).end()
    if line[j] == "}":
        return {"members": members, "raw": line[i:j + 1]}, j + 1
    while True:
        key, j = _DECODER.raw_decode(line, j)
        j = _SPACE.match(line, j).end()
        if line[j] != ":":
            raise ValueError(f"expected ':' at {j}")
        child, j = parse_spans(line, j + 1)
        members[key] = child
        j = _SPACE.match(line, j).end()
        if line[j] == ",":
            j = _SPACE.match(line, j + 1).end()
            continue
        if line[j] != "}":
            raise ValueError(f"expected ',' or '}}' at {j}")
        return {"members": members, "raw": line[i:j + 1]}, j + 1


def path(node, dotted):
    """The node at a dotted path, or None when a key is missing or a step is not an object."""
    for key in dotted.split("."):
        if node is None or "members" not in node or key not in node["members"]:
            return None
        node = node["members"][key]
    return node


def text(node):
    """A text property (docs/aql.md "Data model"): the decoded string; numbers, booleans,
    objects and arrays as their JSON text as written; NULL for an absent key or JSON null."""
    if node is None:
        return None
    if "members" in node:
        return node["raw"]
    if node["value"] is None:
        return None
    if isinstance(node["value"], str):
        return node["value"]
    return node["raw"]


# Every text property of Sources/CloudTrail/Catalog/properties.json, by its path there.
TEXT_COLUMNS = {
    "EventSource": "eventSource", "EventName": "eventName", "EventVersion": "eventVersion",
    "UserIdentityArn": "userIdentity.arn", "UserIdentityType": "userIdentity.type",
    "AccessKeyId": "userIdentity.accessKeyId", "AccountId": "userIdentity.accountId",
    "UserName": "userIdentity.userName", "InvokedBy": "userIdentity.invokedBy",
    "SessionIssuerArn": "userIdentity.sessionContext.sessionIssuer.arn",
    "ErrorCode": "errorCode", "ErrorMessage": "errorMessage", "AWSRegion": "awsRegion",
    "SourceIPAddress": "sourceIPAddress", "UserAgent": "userAgent",
    "RecipientAccountId": "recipientAccountId", "ReadOnly": "readOnly",
    "ModelId": "requestParameters.modelId", "EventID": "eventID", "EventType": "eventType",
    "EventCategory": "eventCategory", "BearerToken": "additionalEventData.callWithBearerToken",
    "RequestParameters": "requestParameters", "ManagementEvent": "managementEvent",
    "RequestID": "requestID", "TLSHost": "tlsDetails.clientProvidedHostHeader",
}

# DuckDB column types of events_oracle.jsonl (run_twins.py reads this)
ORACLE_SCHEMA = {"ord": "BIGINT", **{c: "VARCHAR" for c in TEXT_COLUMNS},
                 "sourceip": "VARCHAR", "starttime": "BIGINT", "devicetime": "BIGINT",
                 "devicetype": "BIGINT"}


def oracle_row(ord_, line):
    rec = json.loads(line)
    root, _ = parse_spans(line)
    if json.loads(root["raw"]) != rec:
        raise ValueError(f"line {ord_}: the span parser disagrees with json.loads")
    row = {"ord": ord_}
    for column, p in TEXT_COLUMNS.items():
        row[column] = text(path(root, p))
    row["sourceip"] = canonical_ip(rec.get("sourceIPAddress"))
    row["starttime"] = row["devicetime"] = epoch_millis(rec["eventTime"])
    row["devicetype"] = 347
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1496004)
    ap.add_argument("--noise", type=int, default=1700, help="background records (default 1700)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    b = Builder(rng, random.Random(args.seed + 1))
    plant(b)
    noise(b, args.noise)
    # CloudTrail repeats records (same eventID): each copy is an event of its own (docs/aql.md)
    for rec in b.records[-3:]:
        b.records.append(json.loads(json.dumps(rec)))
    rng.shuffle(b.records)
    os.makedirs(args.outdir, exist_ok=True)
    lines = [serialize(rec, rng) for rec in b.records]
    with open(os.path.join(args.outdir, "events.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")
    # the oracle reads the lines back, as Skua will
    with open(os.path.join(args.outdir, "events_oracle.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for i, line in enumerate(lines, start=1):
            f.write(json.dumps(oracle_row(i, line), ensure_ascii=False) + "\n")
    with open(os.path.join(args.outdir, "oracle_schema.json"), "w") as f:
        json.dump(ORACLE_SCHEMA, f, indent=1)
    print(f"{len(lines)} records -> {args.outdir}/events.jsonl, events_oracle.jsonl", file=sys.stderr)


if __name__ == "__main__":
    main()
