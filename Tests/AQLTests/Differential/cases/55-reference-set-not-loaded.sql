-- A reference set that was not loaded is empty, with a warning: REFERENCESETCONTAINS is false
-- for every value, NULL included (a NULL value is in no set), so NOT REFERENCESETCONTAINS keeps
-- every event, those without an ARN too.
-- unloaded-reference-sets: NeverLoaded
SELECT EventSource, count(*) AS n, 0 AS in_set, count(*) AS not_in_set, count(UserIdentityArn) AS with_arn
FROM events
GROUP BY EventSource
ORDER BY EventSource ASC NULLS FIRST;
