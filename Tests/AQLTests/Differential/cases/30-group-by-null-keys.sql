-- NULL is a key value of its own; no ORDER BY: group-key order, NULL first.
-- UNIQUECOUNT of a grouped column: 1, or 0 in the NULL group.
SELECT AWSRegion AS AWSRegion, UserIdentityType AS UserIdentityType, count(*) AS n,
  count(DISTINCT AWSRegion) AS regions_in_group
FROM events
GROUP BY AWSRegion, UserIdentityType
ORDER BY AWSRegion ASC NULLS FIRST, UserIdentityType ASC NULLS FIRST;
