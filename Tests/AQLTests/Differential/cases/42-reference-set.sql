-- REFERENCESETCONTAINS: exact text membership in refsets/LegitSES.txt; 'NotLoaded' is never
-- loaded, so it is empty (with a warning). NULL ARNs are filtered out (REFERENCESETCONTAINS
-- of NULL is not defined in docs/aql.md).
-- reference-sets: LegitSES
-- unloaded-reference-sets: NotLoaded
SELECT UserIdentityArn AS caller,
  CASE WHEN UserIdentityArn IN (SELECT value FROM refset_LegitSES) THEN 'allowlisted' ELSE 'review' END AS status,
  0 AS in_unloaded_set,
  count(*) AS n
FROM events
WHERE EventSource = 'ses.amazonaws.com' AND UserIdentityArn IS NOT NULL
GROUP BY UserIdentityArn
ORDER BY n DESC NULLS LAST, UserIdentityArn ASC NULLS FIRST;
