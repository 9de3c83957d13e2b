-- Integer + - * / %: / truncates toward zero, % has the sign of the dividend (Java); by zero: NULL.
-- 1767000000000 = 2025-12-29T09:20:00Z, so the tie-tester's events give negative and positive
-- differences. No aggregates, no ORDER BY: one row per event in input order (ord).
-- `devicetype + 1 - 2 * 3` assumes the usual precedence (* before +/-; docs/aql.md is silent).
SELECT UserAgent AS agent,
  starttime - 1767000000000 AS diff,
  (starttime - 1767000000000) * 2 AS twice,
  java_div(starttime - 1767000000000, 3600000) AS hours_trunc,
  java_mod(starttime - 1767000000000, 3600000) AS hours_rem,
  java_div(1767000000000 - starttime, 7) AS pos_div,
  java_mod(1767000000000 - starttime, 7) AS pos_rem,
  java_mod(starttime - 1767000000000, 0 - 7) AS rem_neg_divisor,
  java_div(starttime - 1767000000000, 0 - 7) AS div_neg_divisor,
  java_div(starttime, 0) AS div_zero,
  java_mod(starttime, 0) AS mod_zero,
  devicetype + 1 - (2 * 3) AS precedence
FROM events
WHERE UserName = 'tie-tester'
ORDER BY ord;
