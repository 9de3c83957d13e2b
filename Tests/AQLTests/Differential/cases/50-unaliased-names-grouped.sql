-- Names of unaliased columns (docs/aql.md "Names of result columns"): a grouped column keeps
-- its catalog name; a column neither grouped nor aggregated is the group's FIRST value, named
-- FIRST_<name>; an aggregate of a column is <FUNCTION>_<catalog name>, the function in capitals
-- as written (count(Sourceip) -> COUNT_sourceip, DISTINCTCOUNT stays DISTINCTCOUNT), COUNT(*)
-- is COUNT, an aggregate of an expression keeps its text; a repeated name gets _2.
-- FIRST/LAST: earliest/latest starttime, ties by input order. SUM of integers is an integer,
-- AVG a decimal; MIN/MAX of text compare bytes.
-- columns: EventSource, FIRST_EventName, COUNT, COUNT_sourceip, UNIQUECOUNT_sourceip, DISTINCTCOUNT_sourceip, SUM_devicetype, AVG_devicetype, MIN_AWSRegion, MAX_AWSRegion, FIRST_UserAgent, LAST_UserAgent, FIRST_EventName_2, MIN_starttime, COUNT(starttime + 1)
SELECT EventSource,
  arg_min_null(EventName, (starttime, ord)),
  count(*), count(sourceip), count(DISTINCT sourceip), count(DISTINCT sourceip),
  CAST(sum(devicetype) AS BIGINT), CAST(avg(devicetype) AS DOUBLE),
  min(AWSRegion), max(AWSRegion),
  arg_min_null(UserAgent, (starttime, ord)), arg_max_null(UserAgent, (starttime, ord)),
  arg_min_null(EventName, (starttime, ord)),
  min(starttime), count(starttime + 1)
FROM events
GROUP BY EventSource
ORDER BY EventSource ASC NULLS FIRST;
