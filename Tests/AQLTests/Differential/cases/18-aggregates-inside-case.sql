-- Aggregates inside CASE (and CASE inside SUM), HAVING on an aggregate, ORDER BY a grouped
-- column then an alias DESC. 'yyyy-MM-dd' is the calendar date (UTC).
SELECT EventSource AS EventSource, strftime(utc(starttime), '%Y-%m-%d') AS day,
  count(*) AS n,
  CASE WHEN count(*) > 500 THEN 'flood' WHEN count(*) > 100 THEN 'high' WHEN count(*) > 10 THEN 'mid' ELSE 'low' END AS level,
  CASE WHEN sum(CASE WHEN ErrorCode = 'AccessDenied' THEN 1 ELSE 0 END) * 10 > count(*) THEN 'noisy' ELSE 'quiet' END AS denials,
  CASE WHEN EventSource = 'ses.amazonaws.com' THEN count(*) - 100 ELSE count(*) END AS over_ses_threshold
FROM events
GROUP BY EventSource, strftime(utc(starttime), '%Y-%m-%d')
HAVING count(*) > 5
ORDER BY EventSource ASC NULLS FIRST, day DESC NULLS LAST;
