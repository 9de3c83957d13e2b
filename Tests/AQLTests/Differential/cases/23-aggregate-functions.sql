-- Unaliased aggregates are named <FUNCTION>_<name>, COUNT(*) is COUNT. COUNT(x) and
-- UNIQUECOUNT skip NULL; AVG is decimal; MIN/MAX ignore NULL and order strings by UTF-8 bytes.
-- columns: EventSource, COUNT, COUNT_ErrorCode, COUNT_sourceip, UNIQUECOUNT_sourceip, UNIQUECOUNT_UserIdentityArn, SUM_devicetype, AVG_devicetype, AVG_starttime, MIN_starttime, MAX_starttime, MIN_UserAgent, MAX_UserAgent, MIN_AWSRegion, MAX_AWSRegion
SELECT EventSource, count(*), count(ErrorCode), count(sourceip),
  count(DISTINCT sourceip), count(DISTINCT UserIdentityArn),
  CAST(sum(devicetype) AS BIGINT), avg(devicetype)::DOUBLE, avg(starttime)::DOUBLE,
  min(starttime), max(starttime),
  decode(min(encode(UserAgent))), decode(max(encode(UserAgent))),
  decode(min(encode(AWSRegion))), decode(max(encode(AWSRegion)))
FROM events
GROUP BY EventSource
ORDER BY EventSource ASC NULLS FIRST;
