-- IS [NOT] NULL never yields NULL. NULL (absent key or JSON null, incl. userIdentity: null)
-- differs from ''. sourceip is NULL for every non-address sourceIPAddress.
SELECT EventSource AS EventSource,
  sum(CASE WHEN ErrorCode IS NULL THEN 1 ELSE 0 END) AS error_null,
  sum(CASE WHEN ErrorCode IS NOT NULL THEN 1 ELSE 0 END) AS error_not_null,
  sum(CASE WHEN ErrorCode = '' THEN 1 ELSE 0 END) AS error_empty,
  sum(CASE WHEN UserIdentityArn IS NULL THEN 1 ELSE 0 END) AS arn_null,
  sum(CASE WHEN UserIdentityType IS NULL THEN 1 ELSE 0 END) AS type_null,
  sum(CASE WHEN AWSRegion IS NULL THEN 1 ELSE 0 END) AS region_null,
  sum(CASE WHEN sourceip IS NULL THEN 1 ELSE 0 END) AS ip_null,
  sum(CASE WHEN SourceIPAddress IS NULL THEN 1 ELSE 0 END) AS raw_ip_null,
  sum(CASE WHEN ModelId IS NOT NULL THEN 1 ELSE 0 END) AS model_set
FROM events
GROUP BY EventSource
ORDER BY EventSource ASC NULLS FIRST;
