-- START/STOP times written without a zone are in the --timezone zone: 2026-01-01 05:30 and
-- 11:00 in Kolkata (UTC+05:30) are 2026-01-01T00:00:00Z = 1767225600000 and
-- 2026-01-01T05:30:00Z = 1767245400000; a <= starttime < b. An event sits exactly at the start.
-- local_hour is Kolkata's HH. No ORDER BY: group key ascending (EventSource, then local_hour).
-- timezone: Asia/Kolkata
SELECT EventSource, strftime(local_ts(starttime, 'Asia/Kolkata'), '%H') AS local_hour, count(*) AS n,
  min(starttime) AS first_t, max(starttime) AS last_t
FROM events
WHERE starttime >= 1767225600000 AND starttime < 1767245400000
GROUP BY EventSource, strftime(local_ts(starttime, 'Asia/Kolkata'), '%H')
ORDER BY EventSource ASC NULLS FIRST, local_hour ASC NULLS FIRST;
