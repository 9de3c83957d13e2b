-- CASE x WHEN v: first v = x (a NULL x matches no WHEN); searched CASE: first true condition,
-- a NULL condition is not true; no match and no ELSE: NULL.
SELECT EventSource AS EventSource, AWSRegion AS AWSRegion,
  CASE WHEN EventSource = 'ses.amazonaws.com' THEN 'email' WHEN EventSource = 'sns.amazonaws.com' THEN 'sms' END AS simple_no_else,
  CASE WHEN EventSource = 'bedrock.amazonaws.com' THEN 'llm' ELSE 'other' END AS simple_else,
  CASE WHEN starts_with(EventSource, 's3') THEN 'storage' WHEN starts_with(EventSource, 's') THEN 's-service' END AS searched_first_true,
  CASE WHEN AWSRegion = 'us-east-1' THEN 'virginia' ELSE 'elsewhere or NULL' END AS null_operand,
  CASE WHEN AWSRegion = 'us-east-1' THEN 'virginia' WHEN AWSRegion IS NULL THEN 'no region' END AS null_condition_skipped,
  count(*) AS n
FROM events
GROUP BY EventSource, AWSRegion
ORDER BY EventSource ASC NULLS FIRST, AWSRegion ASC NULLS FIRST;
