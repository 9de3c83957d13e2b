-- Comparisons: NULL if either side is NULL (so NULL regions count in none of eq..ge);
-- strings compare by UTF-8 bytes: '😀 leading emoji' > 'ＡＷＳ' (U+1F600 > U+FF21), which
-- UTF-16 order (Java compareTo) would reverse. Aggregates without GROUP BY: one row.
SELECT
  sum(CASE WHEN AWSRegion = 'us-east-1' THEN 1 ELSE 0 END) AS eq,
  sum(CASE WHEN AWSRegion <> 'us-east-1' THEN 1 ELSE 0 END) AS ne,
  sum(CASE WHEN AWSRegion <> 'us-east-1' THEN 1 ELSE 0 END) AS ne_bang,
  sum(CASE WHEN AWSRegion < 'eu-west-1' THEN 1 ELSE 0 END) AS lt,
  sum(CASE WHEN AWSRegion <= 'eu-west-1' THEN 1 ELSE 0 END) AS le,
  sum(CASE WHEN AWSRegion > 'eu-west-1' THEN 1 ELSE 0 END) AS gt,
  sum(CASE WHEN AWSRegion >= 'eu-west-1' THEN 1 ELSE 0 END) AS ge,
  sum(CASE WHEN starttime >= 1767225600000 THEN 1 ELSE 0 END) AS since_jan1,
  sum(CASE WHEN starttime < 1767225600000 THEN 1 ELSE 0 END) AS before_jan1,
  sum(CASE WHEN devicetype = 347.0::DOUBLE THEN 1 ELSE 0 END) AS int_eq_dec,
  sum(CASE WHEN devicetype > 346.5::DOUBLE THEN 1 ELSE 0 END) AS int_gt_dec,
  sum(CASE WHEN encode(UserAgent) > encode('python') THEN 1 ELSE 0 END) AS agent_gt_python,
  sum(CASE WHEN encode(UserAgent) > encode('ＡＷＳ') THEN 1 ELSE 0 END) AS agent_gt_fullwidth,
  sum(CASE WHEN encode(UserAgent) < encode('A') THEN 1 ELSE 0 END) AS agent_lt_A,
  count(*) AS n
FROM events;
