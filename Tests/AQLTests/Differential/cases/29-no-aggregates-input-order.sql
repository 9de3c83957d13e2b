-- Neither aggregates nor GROUP BY: one row per event, in input order (ord). Every column is
-- aliased: docs/aql.md's FIRST_<name> rule would otherwise apply to these ungrouped columns.
-- ReadOnly is the JSON text of a boolean, or the string "true" some exports write.
SELECT EventName AS action, SourceIPAddress AS raw_ip, sourceip AS ip,
  UserIdentityType AS caller_type, AWSRegion AS region, ReadOnly AS read_only, starttime AS t, devicetime AS dt
FROM events
WHERE EventSource = 'sts.amazonaws.com'
ORDER BY ord;
