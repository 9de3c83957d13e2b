-- The published query with the seed's tuning: AND NOT REFERENCESETCONTAINS('LegitSES', "UserIdentityArn").
-- Twin written from docs/aql.md: LAST 1 DAYS keeps now - 1 day < starttime <= now; the bucket
-- is SimpleDateFormat 'YYYY-MM-dd HH:00:00' (week year, see _prelude.sql); rows tie-break on
-- the group key (bucket, EventSource, UserIdentityArn, UserIdentityType, sourceip, AWSRegion)
-- ascending, NULL first.
-- columns: TimeBucket, ServiceAbused, AttackCategory, CallerARN, CallerType, SourceIP, AWSRegion, EventCount, UniqueSourceIPs, ServiceThreshold, SuspicionScore
-- reference-sets: LegitSES
WITH kept AS (
  SELECT *, bucket_yyyy_hour(starttime) AS bucket
  FROM events
  WHERE logsourcetypename(devicetype) = 'Amazon AWS CloudTrail'
    AND starttime > 1767312000000 - 86400000                           -- starttime > NOW() - 86400000
    AND starttime > 1767312000000 - 86400000 AND starttime <= 1767312000000  -- LAST 1 DAYS
    AND EventSource IN ('ses.amazonaws.com', 'sns.amazonaws.com', 'bedrock.amazonaws.com')
    AND EventName IN (
      'SendEmail', 'SendRawEmail', 'SendBulkTemplatedEmail', 'SendBulkEmail', 'SendTemplatedEmail',
      'Publish', 'PublishBatch',
      'InvokeModel', 'InvokeModelWithResponseStream', 'CreateModelInvocationJob', 'InvokeAgent')
    AND (ErrorCode IS NULL OR ErrorCode = '')
    -- NOT REFERENCESETCONTAINS('LegitSES', "UserIdentityArn"). Whether the function gives false
    -- or NULL for a NULL ARN is not in docs/aql.md; the events keep NULL-ARN sends inside the
    -- window below every threshold, so either reading gives these rows.
    AND NOT coalesce(UserIdentityArn IN (SELECT value FROM refset_LegitSES), false)
), groups AS (
  SELECT bucket, EventSource, UserIdentityArn, UserIdentityType, sourceip, AWSRegion,
         count(*) AS n, count(DISTINCT sourceip) AS unique_ips
  FROM kept
  GROUP BY bucket, EventSource, UserIdentityArn, UserIdentityType, sourceip, AWSRegion
), scored AS (
  SELECT *,
    CASE WHEN n > (CASE WHEN EventSource = 'ses.amazonaws.com' THEN 1000
                        WHEN EventSource = 'sns.amazonaws.com' THEN 2000 ELSE 500 END) THEN 3
         WHEN n > (CASE WHEN EventSource = 'ses.amazonaws.com' THEN 300
                        WHEN EventSource = 'sns.amazonaws.com' THEN 600 ELSE 150 END) THEN 2
         ELSE 1 END AS score
  FROM groups
  WHERE (EventSource = 'ses.amazonaws.com' AND n > 100)
     OR (EventSource = 'sns.amazonaws.com' AND n > 200)
     OR (EventSource = 'bedrock.amazonaws.com' AND n > 50)
)
SELECT
  bucket AS TimeBucket,
  EventSource AS ServiceAbused,
  CASE WHEN EventSource = 'ses.amazonaws.com' THEN 'Email Spam or Phishing Campaign'
       WHEN EventSource = 'sns.amazonaws.com' THEN 'SMS Pumping or Bulk Spam'
       WHEN EventSource = 'bedrock.amazonaws.com' THEN 'LLM Resource Hijacking (LLMJacking)'
       ELSE 'SaaS Service Abuse' END AS AttackCategory,
  UserIdentityArn AS CallerARN,
  UserIdentityType AS CallerType,
  sourceip AS SourceIP,
  AWSRegion AS AWSRegion,
  n AS EventCount,
  unique_ips AS UniqueSourceIPs,
  CASE WHEN EventSource = 'ses.amazonaws.com' THEN 100
       WHEN EventSource = 'sns.amazonaws.com' THEN 200
       WHEN EventSource = 'bedrock.amazonaws.com' THEN 50
       ELSE 50 END AS ServiceThreshold,
  score AS SuspicionScore
FROM scored
ORDER BY score DESC NULLS LAST, n DESC NULLS LAST,
  bucket ASC NULLS FIRST, EventSource ASC NULLS FIRST, UserIdentityArn ASC NULLS FIRST,
  UserIdentityType ASC NULLS FIRST, sourceip ASC NULLS FIRST, AWSRegion ASC NULLS FIRST;
