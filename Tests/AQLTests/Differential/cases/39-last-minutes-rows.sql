-- LAST 90 MINUTES: (22:30:00, 00:00:00]; the probe at exactly 22:30:00 is out, the one at
-- 23:59:59.999 and the event at now are in. No aggregates: input order.
SELECT EventName AS action, starttime AS t, UserAgent AS agent
FROM events
WHERE (EventSource = 's3.amazonaws.com' OR starttime = 1767312000000)
  AND starttime > 1767312000000 - 90 * 60000 AND starttime <= 1767312000000
ORDER BY ord;
