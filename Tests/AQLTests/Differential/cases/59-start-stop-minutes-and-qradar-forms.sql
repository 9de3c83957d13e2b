-- QRadar's slash and colon forms; Ariel searches whole minutes: START rounds down to 21:59:00,
-- STOP up to 22:31:00 (exclusive). The probe at 22:30:30 is in (exact seconds would leave it out),
-- as are the probes at 22:00:00 and 22:30:00. Times without a zone in UTC (the default).
SELECT EventName AS EventName, count(*) AS n, min(starttime) AS first_t, max(starttime) AS last_t
FROM events
WHERE starttime >= 1767304740000 AND starttime < 1767306660000
GROUP BY EventName
ORDER BY EventName ASC NULLS FIRST;
