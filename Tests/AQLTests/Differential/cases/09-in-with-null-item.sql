-- x IN (v, ...): true if some v = x; else NULL if x or some v is NULL; else false.
-- The NULL item is "UserName", NULL for every caller that is not an IAM user. (No NULL
-- literal: docs/aql.md does not list one.) n - in_true - in_false counts the NULL outcomes.
WITH t AS (
  SELECT UserIdentityType,
    CASE WHEN ErrorCode = 'AccessDenied' OR ErrorCode = UserName THEN TRUE
         WHEN ErrorCode IS NULL OR UserName IS NULL THEN NULL
         ELSE FALSE END AS in_list
  FROM events)
SELECT UserIdentityType AS caller_type,
  sum(CASE WHEN in_list IS TRUE THEN 1 ELSE 0 END) AS in_true,
  sum(CASE WHEN in_list IS FALSE THEN 1 ELSE 0 END) AS in_false,
  sum(CASE WHEN in_list IS FALSE THEN 1 ELSE 0 END) AS not_in_true,
  count(*) AS n
FROM t
GROUP BY UserIdentityType
ORDER BY UserIdentityType ASC NULLS FIRST;
