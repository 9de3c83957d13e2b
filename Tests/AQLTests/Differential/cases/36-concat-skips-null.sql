-- CONCAT skips NULL arguments (InvokeAgent events have no awsRegion; some IPs are NULL).
-- No aggregates, no ORDER BY: input order.
SELECT EventName AS action,
  concat(EventName, ':', AWSRegion, ':', sourceip) AS label,
  concat(ErrorCode, '|', AWSRegion) AS error_region,
  starttime AS t
FROM events
WHERE EventSource = 'bedrock.amazonaws.com' AND starttime >= 1767304800000 AND starttime < 1767306600000
ORDER BY ord;
