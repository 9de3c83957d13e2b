-- docs/aql.md: FIRST(x) is "x of the row with the earliest starttime" - that row's value even
-- when it is NULL (unlike MIN/MAX, no "ignore NULLs"). This case isolates that reading.
SELECT UserIdentityType AS UserIdentityType,
  arg_min_null(ErrorCode, (starttime, ord)) AS first_error,
  arg_max_null(ErrorCode, (starttime, ord)) AS last_error,
  arg_min_null(AWSRegion, (starttime, ord)) AS first_region,
  arg_max_null(sourceip, (starttime, ord)) AS last_ip,
  count(*) AS n
FROM events
GROUP BY UserIdentityType
ORDER BY UserIdentityType ASC NULLS FIRST;
