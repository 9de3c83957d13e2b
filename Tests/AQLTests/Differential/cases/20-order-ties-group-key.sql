-- Many rows tie on band; ties go by the group key in GROUP BY order (UserIdentityType, then
-- AWSRegion), ascending, NULL first - not by select-list order.
SELECT AWSRegion AS AWSRegion, UserIdentityType AS UserIdentityType, count(*) AS n,
  java_div(count(*), 200) AS band
FROM events
GROUP BY UserIdentityType, AWSRegion
ORDER BY band DESC NULLS LAST, UserIdentityType ASC NULLS FIRST, AWSRegion ASC NULLS FIRST;
