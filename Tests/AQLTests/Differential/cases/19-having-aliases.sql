-- HAVING naming select aliases (calls, actions). docs/aql.md shows aliases in ORDER BY (the
-- published query) but does not say HAVING sees them: this case isolates that.
SELECT UserIdentityArn AS caller, count(*) AS calls, count(DISTINCT EventName) AS actions
FROM events
GROUP BY UserIdentityArn
HAVING count(*) > 100 AND count(DISTINCT EventName) >= 3
ORDER BY calls DESC NULLS LAST, UserIdentityArn ASC NULLS FIRST;
