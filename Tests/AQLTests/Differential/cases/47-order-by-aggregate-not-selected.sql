-- ORDER BY an aggregate that is not selected, ascending, then LIMIT.
SELECT AWSRegion AS region, count(DISTINCT UserIdentityArn) AS callers
FROM events
WHERE EventSource = 'bedrock.amazonaws.com'
GROUP BY AWSRegion
ORDER BY count(*) ASC NULLS FIRST, AWSRegion ASC NULLS FIRST
LIMIT 4;
