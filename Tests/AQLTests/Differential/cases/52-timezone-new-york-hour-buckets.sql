-- --timezone America/New_York: the published query's hour buckets in New York's wall-clock time
-- (UTC-5 in December and January: EST). YYYY is the US week year of the *local* day: UTC
-- 2025-12-28 00:00-05:00 is still Saturday 2025-12-27 in New York (week year 2025), while the
-- UTC bucket would say 2026. local_day formats the bucket's FIRST starttime (its earliest).
-- timezone: America/New_York
WITH sends AS (
  SELECT starttime,
    lpad(CAST(week_year_in(starttime, 'America/New_York') AS VARCHAR), 4, '0')
      || strftime(local_ts(starttime, 'America/New_York'), '-%m-%d %H:00:00') AS bucket
  FROM events
  WHERE EventSource IN ('ses.amazonaws.com', 'sns.amazonaws.com', 'bedrock.amazonaws.com')
)
SELECT bucket AS TimeBucket,
  strftime(local_ts(min(starttime), 'America/New_York'), '%a %Y-%m-%d ')
    || zone_short_name(min(starttime), 'America/New_York') || ' '
    || offset_text(min(starttime), 'America/New_York', '') || ' '
    || iso_offset(min(starttime), 'America/New_York', ':') AS local_day,
  count(*) AS EventCount
FROM sends
GROUP BY bucket
ORDER BY TimeBucket ASC NULLS FIRST;
