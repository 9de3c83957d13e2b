-- Unary minus binds tighter than * / % and + -: -1 + 2 is 1, -7 / 2 is (-7) / 2 = -3 (Java's
-- truncation), -7 % 3 is -1. Integers stay integers, decimals (0.5, 1e3) decimals; a numeric
-- string is read as a number (-'12' is -12, -'1.5' is -1.5), any other string (an event name)
-- and NULL give NULL. -MIN(text) reads the smallest recipientAccountId (compared as text) as a
-- number. Negating the smallest 64-bit integer gives a decimal (docs: overflow -> decimal).
-- No ORDER BY: group key (EventName) ascending.
SELECT EventName,
  -count(*) AS neg_count,
  -count(*) * 2 AS neg_count_doubled,
  (-1) + 2 AS unary_before_plus,
  (-2) * (-3) AS product,
  2 - (-3) AS minus_negative,
  -(1 - 4) AS negated_group,
  java_div(-7, 2) AS java_div,
  java_mod(-7, 3) AS java_mod,
  CAST(-0.5 AS DOUBLE) * 4 AS decimal_product,
  CAST(-1000 AS DOUBLE) AS exponent,
  -12 AS numeric_string,
  CAST(-1.5 AS DOUBLE) AS decimal_string,
  NULL AS text_value,
  NULL AS null_value,
  -CAST(min(RecipientAccountId) AS BIGINT) AS account,
  -max(starttime) AS neg_latest,
  CAST(9223372036854775808 AS DOUBLE) AS overflow
FROM events
WHERE EventSource = 'sns.amazonaws.com'
GROUP BY EventName
ORDER BY EventName ASC NULLS FIRST;
