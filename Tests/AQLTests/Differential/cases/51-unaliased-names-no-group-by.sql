-- An aggregate and no GROUP BY: one row; the plain columns are FIRST values, named FIRST_<name>
-- unless aliased.
-- columns: FIRST_EventName, FIRST_sourceip, COUNT, MAX_sourceip, name_alias
SELECT arg_min_null(EventName, (starttime, ord)), arg_min_null(sourceip, (starttime, ord)),
  count(*), max(sourceip), arg_min_null(EventName, (starttime, ord))
FROM events
WHERE EventSource = 'sns.amazonaws.com' AND ErrorCode IS NOT NULL;
