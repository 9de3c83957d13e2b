-- Helpers for the DuckDB twins, run by run_twins.py before every case.
-- Each macro spells out one rule of docs/aql.md so no twin leans on a DuckDB default.
-- (INCIDR is a Python function registered by run_twins.py: incidr(block, address).)

-- `a / b` on integers: truncated toward zero (Java); by zero: NULL.
CREATE OR REPLACE MACRO java_div(a, b) AS
  CASE WHEN b = 0 THEN NULL
       ELSE CAST(sign(a) * sign(b) AS BIGINT) * (abs(a) // abs(b)) END;

-- `a % b` on integers: remainder with the sign of a (Java); by zero: NULL.
CREATE OR REPLACE MACRO java_mod(a, b) AS
  CASE WHEN b = 0 THEN NULL
       ELSE a - b * (CAST(sign(a) * sign(b) AS BIGINT) * (abs(a) // abs(b))) END;

-- `a / b` when either side is decimal: a double; by zero: NULL (not inf).
CREATE OR REPLACE MACRO dec_div(a, b) AS
  CASE WHEN b = 0 THEN NULL ELSE CAST(a AS DOUBLE) / CAST(b AS DOUBLE) END;

-- epoch ms -> UTC timestamp (DATEFORMAT with the default --timezone UTC).
CREATE OR REPLACE MACRO utc(t) AS epoch_ms(t);

-- SimpleDateFormat 'Y' (week year), Locale.US: weeks run Sunday..Saturday and week 1 is the
-- week holding 1 January, so a day's week year is the calendar year of the Saturday that ends
-- its week. DuckDB's dayofweek: Sunday = 0 … Saturday = 6.
CREATE OR REPLACE MACRO week_year(t) AS
  year(CAST(utc(t) AS DATE) + CAST(6 - dayofweek(utc(t)) AS INTEGER));

-- DATEFORMAT(t, 'YYYY-MM-dd HH:00:00') — the published query's bucket.
CREATE OR REPLACE MACRO bucket_yyyy_hour(t) AS
  CASE WHEN t IS NULL THEN NULL
       ELSE lpad(CAST(week_year(t) AS VARCHAR), 4, '0') || strftime(utc(t), '-%m-%d %H:00:00') END;

-- STRLEN: UTF-16 code units = code points + one more for each code point above U+FFFF.
CREATE OR REPLACE MACRO utf16_len(s) AS
  length(s) + length(regexp_replace(s, '[^\x{10000}-\x{10FFFF}]', '', 'g'));

-- LOGSOURCETYPENAME(devicetype)
CREATE OR REPLACE MACRO logsourcetypename(d) AS
  CASE WHEN d = 347 THEN 'Amazon AWS CloudTrail' END;

-- LOGSOURCENAME(x): the log source whose id is x is named 'CloudTrail @ ' followed by x as
-- text; NULL when x is NULL ('||' gives NULL for a NULL operand).
CREATE OR REPLACE MACRO logsourcename(x) AS 'CloudTrail @ ' || CAST(x AS VARCHAR);

-- username: userIdentity.userName, else the part of userIdentity.arn after its last '/', else
-- after its last ':', else the whole ARN; NULL when both are NULL.
CREATE OR REPLACE MACRO principal_name(user_name, arn) AS
  CASE WHEN user_name IS NOT NULL THEN user_name
       WHEN arn IS NULL THEN NULL
       WHEN strpos(arn, '/') > 0 THEN regexp_extract(arn, '[^/]*$')
       WHEN strpos(arn, ':') > 0 THEN regexp_extract(arn, '[^:]*$')
       ELSE arn END;

-- Time zones (the -- timezone: header), with DuckDB's ICU zones: the wall-clock time of epoch
-- ms t in zone z, its offset from UTC in minutes, and the US week year there.
CREATE OR REPLACE MACRO local_ts(t, z) AS timezone(z, make_timestamptz(t * 1000));
CREATE OR REPLACE MACRO offset_minutes(t, z) AS (epoch_ms(local_ts(t, z)) - t) // 60000;
CREATE OR REPLACE MACRO week_year_in(t, z) AS
  year(CAST(local_ts(t, z) AS DATE) + CAST(6 - dayofweek(local_ts(t, z)) AS INTEGER));

-- SimpleDateFormat 'Z' (+0530), 'XXX' (+05:30, 'Z' at zero) and 'X' (hours only: +05).
CREATE OR REPLACE MACRO offset_text(t, z, colon) AS
  CASE WHEN offset_minutes(t, z) < 0 THEN '-' ELSE '+' END
    || lpad(CAST(abs(offset_minutes(t, z)) // 60 AS VARCHAR), 2, '0') || colon
    || lpad(CAST(abs(offset_minutes(t, z)) % 60 AS VARCHAR), 2, '0');
CREATE OR REPLACE MACRO iso_offset(t, z, colon) AS
  CASE WHEN offset_minutes(t, z) = 0 THEN 'Z' ELSE offset_text(t, z, colon) END;
CREATE OR REPLACE MACRO iso_offset_hours(t, z) AS
  CASE WHEN offset_minutes(t, z) = 0 THEN 'Z'
       ELSE CASE WHEN offset_minutes(t, z) < 0 THEN '-' ELSE '+' END
            || lpad(CAST(abs(offset_minutes(t, z)) // 60 AS VARCHAR), 2, '0') END;

-- 'z' in the zones the cases use (docs/aql.md: today's standard or daylight name of the zone,
-- by whether the instant is in daylight time). New York is daylight time at -04:00.
CREATE OR REPLACE MACRO zone_short_name(t, z) AS
  CASE z WHEN 'America/New_York' THEN CASE WHEN offset_minutes(t, z) = -240 THEN 'EDT' ELSE 'EST' END
         WHEN 'Asia/Kolkata' THEN 'IST'
         WHEN 'UTC' THEN 'UTC' END;
