-- LOWER/UPPER: Unicode case mapping (accented, fullwidth letters; no ß/İ/Σ in the data).
-- STRLEN counts UTF-16 units (the emoji counts 2). SUBSTRING(s, start, length): 0-based,
-- clamped. The head is not taken on agents holding an emoji: whether a length counts UTF-16
-- units or code points before it is not pinned down by docs/aql.md; the tail (from 5 to the
-- end) is the same either way since the emoji lies after position 5.
SELECT UserAgent AS agent,
  lower(UserAgent) AS lower_agent,
  upper(UserAgent) AS upper_agent,
  utf16_len(UserAgent) AS utf16_length,
  CASE WHEN contains(UserAgent, '😀') THEN NULL ELSE substring(UserAgent, 1, 4) END AS head,
  CASE WHEN contains(UserAgent, '😀') THEN NULL ELSE substring(UserAgent, 6, 1000) END AS tail,  -- DuckDB counts code points, AQL UTF-16 units: the emoji rows are checked by a unit test
  substring(UserAgent, 101, 3) AS past_end,
  substring(UserAgent, 3, 0) AS empty_length,
  count(*) AS n
FROM events
WHERE EventSource = 'iam.amazonaws.com'
GROUP BY UserAgent
ORDER BY encode(UserAgent) ASC NULLS FIRST;
