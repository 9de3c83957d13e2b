-- LAST 2 HOURS: now - 2 h < starttime <= now. An event sits exactly at 22:00:00 (out) and one
-- exactly at now, 2026-01-02T00:00:00Z (in).
SELECT EventSource AS EventSource, count(*) AS n, min(starttime) AS first_t, max(starttime) AS last_t
FROM events
WHERE starttime > 1767312000000 - 2 * 3600000 AND starttime <= 1767312000000
GROUP BY EventSource
ORDER BY EventSource ASC NULLS FIRST;
