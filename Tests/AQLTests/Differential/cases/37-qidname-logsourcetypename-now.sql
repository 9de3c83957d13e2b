-- QIDNAME(qid) is the event name (qid is one number per eventSource+eventName, so within one
-- eventSource grouping by it is grouping by EventName). LOGSOURCETYPENAME(347) names
-- CloudTrail, any other id is NULL. NOW() = --now = 1767312000000.
SELECT EventName AS action,
  logsourcetypename(arg_min_null(devicetype, (starttime, ord))) AS source_type,
  logsourcetypename(arg_min_null(devicetype, (starttime, ord)) + 1) AS other_type,
  1767312000000 AS now_ms,
  1767312000000 - max(starttime) AS age_ms,
  count(*) AS n
FROM events
WHERE EventSource = 'ses.amazonaws.com'
GROUP BY EventName
ORDER BY EventName ASC NULLS FIRST;
