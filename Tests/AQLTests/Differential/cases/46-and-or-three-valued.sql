-- SQL three-valued logic: false AND NULL is false, true OR NULL is true, NOT NULL is NULL.
-- Written out with explicit truth tables rather than leaning on DuckDB's own.
WITH t AS (
  SELECT UserIdentityType,
    CASE WHEN ErrorCode IS NULL THEN NULL ELSE ErrorCode = 'AccessDenied' END AS a,
    CASE WHEN AWSRegion IS NULL THEN NULL ELSE AWSRegion = 'us-east-1' END AS b
  FROM events
), v AS (
  SELECT UserIdentityType,
    CASE WHEN a IS TRUE OR b IS TRUE THEN TRUE
         WHEN a IS FALSE AND b IS FALSE THEN FALSE END AS a_or_b,
    CASE WHEN a IS FALSE OR b IS FALSE THEN FALSE
         WHEN a IS TRUE AND b IS TRUE THEN TRUE END AS a_and_b,
    a
  FROM t)
SELECT UserIdentityType AS caller_type,
  sum(CASE WHEN a_or_b IS TRUE THEN 1 ELSE 0 END) AS or_true,
  sum(CASE WHEN a_or_b IS FALSE THEN 1 ELSE 0 END) AS or_false,
  sum(CASE WHEN a_and_b IS TRUE THEN 1 ELSE 0 END) AS and_true,
  sum(CASE WHEN a_and_b IS FALSE THEN 1 ELSE 0 END) AS and_false,
  sum(CASE WHEN a IS TRUE THEN 1 ELSE 0 END) AS double_not,
  count(*) AS n
FROM v
GROUP BY UserIdentityType
ORDER BY UserIdentityType ASC NULLS FIRST;
