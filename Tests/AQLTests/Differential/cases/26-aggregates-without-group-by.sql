-- Aggregates, no GROUP BY: one row. The bare "UserAgent" is FIRST("UserAgent") (FIRST_UserAgent):
-- three events share the earliest time, the first of them in input order wins.
-- columns: n, actions, first_t, last_t, FIRST_UserAgent, first_agent, last_agent, offset_sum, offset_avg
SELECT count(*), count(DISTINCT EventName), min(starttime), max(starttime),
  arg_min_null(UserAgent, (starttime, ord)), arg_min_null(UserAgent, (starttime, ord)),
  arg_max_null(UserAgent, (starttime, ord)),
  CAST(sum(starttime - 1767000000000) AS BIGINT), avg(starttime - 1767000000000)::DOUBLE
FROM events
WHERE UserName = 'tie-tester';
