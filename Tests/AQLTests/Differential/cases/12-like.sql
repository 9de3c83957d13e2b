-- LIKE matches the whole value, % any run, _ exactly one character, case-sensitive, no escape
-- character ('back_slash%' matches the backslash through _). 'publish%' matches nothing.
-- UserAgent is set on every record, so NOT LIKE never meets NULL here.
SELECT EventName AS EventName, count(*) AS n,
  sum(CASE WHEN UserAgent LIKE '___ full%' THEN 1 ELSE 0 END) AS fullwidth_agent,
  sum(CASE WHEN starts_with(UserAgent, 'back') AND substr(UserAgent, 6, 5) = 'slash' THEN 1 ELSE 0 END) AS backslash_agent,
  sum(CASE WHEN NOT contains(UserAgent, '/') THEN 1 ELSE 0 END) AS agent_without_slash,
  sum(CASE WHEN UserAgent = '' THEN 1 ELSE 0 END) AS agent_empty,
  sum(CASE WHEN UserAgent = 'aws-cli' THEN 1 ELSE 0 END) AS agent_prefix_only
FROM events
WHERE (starts_with(EventName, 'Send') AND ends_with(EventName, 'Email') AND length(EventName) >= 9)
   OR (length(EventName) = 11 AND starts_with(EventName, 'Invoke') AND ends_with(EventName, 'odel'))
   OR starts_with(EventName, 'publish')
   OR ends_with(EventName, 'Batch')
GROUP BY EventName
ORDER BY EventName ASC NULLS FIRST;
