-- x NOT IN (...) with x NULL is NULL: events without awsRegion are dropped.
SELECT AWSRegion AS AWSRegion, count(*) AS n
FROM events
WHERE AWSRegion IS NOT NULL AND AWSRegion <> 'us-east-1' AND AWSRegion <> 'us-west-2'
GROUP BY AWSRegion
ORDER BY AWSRegion ASC NULLS FIRST;
