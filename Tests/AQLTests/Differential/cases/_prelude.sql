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
