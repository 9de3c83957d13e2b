-- START in RFC 3339 with an offset (= 21:30:00Z), STOP in epoch milliseconds (= 22:30:00Z,
-- exclusive: the probe at exactly 22:30:00 is out, the one at 22:00:00 in).
SELECT EventSource AS EventSource, EventName AS EventName, count(*) AS n
FROM events
WHERE starttime >= 1767303000000 AND starttime < 1767306600000
GROUP BY EventSource, EventName
ORDER BY n DESC NULLS LAST, EventSource ASC NULLS FIRST, EventName ASC NULLS FIRST;
