-- START a STOP b: a <= starttime < b, times without a zone in UTC (the default --timezone).
-- Events sit exactly at 2025-12-31T23:00:00Z (in) and 2026-01-01T01:00:00Z (out).
SELECT EventName AS EventName, count(*) AS n, min(starttime) AS first_t, max(starttime) AS last_t
FROM events
WHERE starttime >= 1767222000000 AND starttime < 1767229200000
GROUP BY EventName
ORDER BY EventName ASC NULLS FIRST;
