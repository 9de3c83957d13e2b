-- --timezone Asia/Kolkata (UTC+05:30, IST, no daylight time): days start at 18:30 UTC, so UTC
-- 2025-12-27 18:30 onwards is Sunday 2025-12-28 in Kolkata, week year 2026. Letters: hh
-- 12-hour, a AM/PM, z IST, Z +0530, XXX +05:30, X hours only (+05), zzzz India Standard Time.
-- first_time formats the day's FIRST starttime (its earliest).
-- timezone: Asia/Kolkata
SELECT strftime(local_ts(starttime, 'Asia/Kolkata'), '%Y-%m-%d') AS local_day,
  lpad(CAST(week_year_in(min(starttime), 'Asia/Kolkata') AS VARCHAR), 4, '0') || ' '
    || strftime(local_ts(min(starttime), 'Asia/Kolkata'), '%A') AS week_year_and_day,
  strftime(local_ts(min(starttime), 'Asia/Kolkata'), '%I:%M:%S.')
    || lpad(CAST(min(starttime) % 1000 AS VARCHAR), 3, '0') || ' '
    || CASE WHEN hour(local_ts(min(starttime), 'Asia/Kolkata')) < 12 THEN 'AM' ELSE 'PM' END || ' '
    || zone_short_name(min(starttime), 'Asia/Kolkata') || ' '
    || offset_text(min(starttime), 'Asia/Kolkata', '') || ' '
    || iso_offset(min(starttime), 'Asia/Kolkata', ':') || ' '
    || iso_offset_hours(min(starttime), 'Asia/Kolkata') AS first_time,
  strftime(local_ts(max(starttime), 'Asia/Kolkata'), '%H:%M:%S.')
    || lpad(CAST(max(starttime) % 1000 AS VARCHAR), 3, '0') || ' India Standard Time' AS last_time,
  count(*) AS n
FROM events
GROUP BY strftime(local_ts(starttime, 'Asia/Kolkata'), '%Y-%m-%d')
ORDER BY local_day ASC NULLS FIRST;
