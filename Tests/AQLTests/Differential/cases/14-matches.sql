-- MATCHES / IMATCHES: the regex must match the whole value (Java String.matches); IMATCHES
-- ignores case. regexp_full_match is RE2; these patterns mean the same in both.
-- NOT [I]MATCHES only on UserAgent and EventName, never NULL in the events.
SELECT EventName AS EventName, count(*) AS n,
  sum(CASE WHEN regexp_full_match(AWSRegion, '(us|eu)-[a-z]+-[0-9]') THEN 1 ELSE 0 END) AS us_or_eu,
  sum(CASE WHEN regexp_full_match(AWSRegion, 'east') THEN 1 ELSE 0 END) AS partial_never,
  sum(CASE WHEN regexp_full_match(UserAgent, 'AWS-CLI/[0-9]+[.][0-9]+.*', 'i') THEN 1 ELSE 0 END) AS cli,
  sum(CASE WHEN NOT regexp_full_match(UserAgent, '[a-z].*') THEN 1 ELSE 0 END) AS agent_not_lower_start,
  sum(CASE WHEN NOT regexp_full_match(EventName, 'SEND.*', 'i') THEN 1 ELSE 0 END) AS not_send
FROM events
WHERE regexp_full_match(EventName, 'Send(Raw|Templated|BulkTemplated)?Email|Publish.*')
   OR regexp_full_match(EventName, 'invoke(model|agent)', 'i')
GROUP BY EventName
ORDER BY EventName ASC NULLS FIRST;
