-- One row per UserAgent (group key order: UTF-8 bytes, so the U+FF21 agent sorts before the
-- emoji ones). SUBSTRING counts UTF-16 units from 0 and half a surrogate pair becomes U+FFFD;
-- STRLEN counts UTF-16 units; LIKE's _ is one Unicode scalar (the emoji). CONCAT skips NULLs,
-- so all-NULL is ''. NOT LIKE of NULL is NULL (neither branch). INCIDR of an IPv4-mapped IPv6
-- address against an IPv4 block is false. Decimal text: Java's Double.toString layout with the
-- shortest digits (java_double_text). LONG('7.9') = 7, LONG('-7.9') = -7. A backslash is an
-- ordinary character: 'a\b' is 3 units. Ungrouped columns are FIRST values.
SELECT UserAgent AS agent,
  java_substring(UserAgent, 0, 1) AS first_unit,
  utf16_len(UserAgent) AS units,
  CASE WHEN UserAgent LIKE '_ leading emoji' THEN 'one scalar' ELSE 'other' END AS like_underscore,
  concat(arg_min_null(ErrorCode, (starttime, ord)), arg_min_null(InvokedBy, (starttime, ord))) AS first_error_or_service,
  '' AS all_null,
  CASE WHEN arg_min_null(ErrorCode, (starttime, ord)) NOT LIKE 'Access%' THEN 'not access'
       WHEN arg_min_null(ErrorCode, (starttime, ord)) LIKE 'Access%' THEN 'access'
       ELSE 'unknown' END AS not_like_null,
  CASE WHEN incidr('198.51.100.0/24', arg_min_null(sourceip, (starttime, ord))) THEN 'in'
       WHEN NOT incidr('198.51.100.0/24', arg_min_null(sourceip, (starttime, ord))) THEN 'out'
       ELSE 'unknown' END AS first_ip_in_block,
  CASE WHEN incidr('198.51.100.0/24', '::ffff:198.51.100.9') THEN 'in'
       WHEN NOT incidr('198.51.100.0/24', '::ffff:198.51.100.9') THEN 'out' ELSE 'unknown' END AS mapped_in_v4_block,
  java_double_text(CAST(max(starttime) AS DOUBLE)) AS latest_text,
  java_double_text(CAST(min(starttime) AS DOUBLE) / 1000.0) AS earliest_seconds_text,
  java_double_text(avg(devicetype)) AS avg_type_text,
  java_double_text(count(*) / 100000.0) AS small_text,
  0 AS long_texts,
  3 AS backslash_units,
  count(*) AS n
FROM events
WHERE UserAgent IS NOT NULL AND sourceip IS NOT NULL
GROUP BY UserAgent
ORDER BY UserAgent ASC NULLS FIRST;
