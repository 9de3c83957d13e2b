-- BETWEEN is inclusive at both ends (events sit exactly at 2025-12-31T23:00:00Z and
-- 2026-01-01T01:00:00Z); NOT BETWEEN is its negation. Ties on n: EventSource ascending.
SELECT EventSource AS EventSource, count(*) AS n,
  sum(CASE WHEN NOT (starttime >= 1767225600000 AND starttime <= 1767229200000) THEN 1 ELSE 0 END) AS outside_first_hour
FROM events
WHERE starttime >= 1767222000000 AND starttime <= 1767229200000
  AND encode(AWSRegion) >= encode('eu') AND encode(AWSRegion) <= encode('us-east-1')
GROUP BY EventSource
ORDER BY n DESC NULLS LAST, EventSource ASC NULLS FIRST;
