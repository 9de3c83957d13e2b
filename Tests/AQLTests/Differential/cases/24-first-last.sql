-- FIRST/LAST: the value on the row with the earliest/latest starttime; ties to the earlier/
-- later row in input order (ord). An ungrouped, unaggregated column is FIRST(col), named
-- FIRST_<name>. The columns read here are never NULL in the events.
-- columns: caller, first_agent, last_agent, FIRST_EventName, LAST_starttime, FIRST_EventVersion, n
SELECT UserIdentityArn,
  arg_min_null(UserAgent, (starttime, ord)), arg_max_null(UserAgent, (starttime, ord)),
  arg_min_null(EventName, (starttime, ord)), arg_max_null(starttime, (starttime, ord)),
  arg_min_null(EventVersion, (starttime, ord)), count(*)
FROM events
WHERE UserIdentityArn IS NOT NULL
GROUP BY UserIdentityArn
ORDER BY UserIdentityArn ASC NULLS FIRST;
