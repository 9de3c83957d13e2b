-- 'yyyy' is the calendar year, 'YYYY' the US week year: 2025-12-27 (a Saturday) is 2025,
-- 2025-12-28 ... 2025-12-31 are 2026. EEE / MMM: English abbreviations (Locale.US).
-- week_year_day, dow and mon read the ungrouped starttime (its FIRST value): same day, same text.
SELECT strftime(utc(starttime), '%Y-%m-%d') AS day,
  lpad(CAST(week_year(min(starttime)) AS VARCHAR), 4, '0') || strftime(utc(min(starttime)), '-%m-%d') AS week_year_day,
  strftime(utc(min(starttime)), '%a') AS dow,
  strftime(utc(min(starttime)), '%b') AS mon,
  count(*) AS n
FROM events
GROUP BY strftime(utc(starttime), '%Y-%m-%d')
ORDER BY day ASC NULLS FIRST;
