-- REFERENCESETCONTAINS of NULL is false (not NULL), so NOT REFERENCESETCONTAINS keeps the SES
-- calls without a caller ARN: the seed's tuning does not drop them. Ties on n: group key (the
-- ARN) ascending, NULL first.
-- reference-sets: LegitSES
SELECT UserIdentityArn AS caller, count(*) AS n, 'not listed' AS status
FROM events
WHERE EventSource = 'ses.amazonaws.com'
  AND (UserIdentityArn IS NULL OR UserIdentityArn NOT IN (SELECT value FROM refset_LegitSES))
GROUP BY UserIdentityArn
ORDER BY n DESC NULLS LAST, UserIdentityArn ASC NULLS FIRST;
