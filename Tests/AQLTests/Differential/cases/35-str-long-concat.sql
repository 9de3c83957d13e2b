-- STR: integers without decimals. LONG: decimals truncated toward zero, numeric strings read,
-- other strings NULL. CONCAT joins texts (an integer as its STR text). "AccountId", "AWSRegion"
-- and devicetype are ungrouped here: their FIRST values (the same on every tie-tester event).
SELECT EventName AS action,
  CAST(arg_min_null(devicetype, (starttime, ord)) AS VARCHAR) AS device_text,
  CAST(count(*) AS VARCHAR) AS count_text,
  CAST(arg_min_null(AccountId, (starttime, ord)) AS BIGINT) AS account_number,
  TRY_CAST(arg_min_null(AWSRegion, (starttime, ord)) AS BIGINT) AS region_number,
  CAST(trunc(avg(devicetype)) AS BIGINT) AS avg_long,
  CAST(trunc(count(*) / 3.0) AS BIGINT) AS third_long,
  CAST(trunc(0 - 2.7) AS BIGINT) AS negative_truncated,
  CAST('0042' AS BIGINT) AS padded,
  concat(EventName, '@', arg_min_null(AWSRegion, (starttime, ord)), '#', CAST(arg_min_null(devicetype, (starttime, ord)) AS VARCHAR)) AS label,
  concat(upper(EventName), ':', CAST(count(*) AS VARCHAR)) AS tag
FROM events
WHERE UserName = 'tie-tester'
GROUP BY EventName
ORDER BY EventName ASC NULLS FIRST;
