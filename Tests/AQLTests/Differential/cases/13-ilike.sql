-- ILIKE ignores case (ASCII patterns only here). NOT ILIKE on a NULL UserIdentityType is
-- NULL, so callers without userIdentity are dropped.
SELECT EventName AS EventName, UserIdentityType AS UserIdentityType, count(*) AS n
FROM events
WHERE (starts_with(lower(EventName), 'send') OR contains(lower(EventName), 'model'))
  AND UserIdentityType IS NOT NULL AND lower(UserIdentityType) <> 'iamuser'
GROUP BY EventName, UserIdentityType
ORDER BY EventName ASC NULLS FIRST, UserIdentityType ASC NULLS FIRST;
