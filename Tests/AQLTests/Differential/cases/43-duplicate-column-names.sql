-- Same name twice: the second gets _2. COUNT(awsregion) (bare, lower case) is named after the
-- catalog property: COUNT_AWSRegion.
-- columns: EventSource, COUNT, COUNT_2, COUNT_AWSRegion, COUNT_AWSRegion_2, latest, latest_2
SELECT EventSource, count(*), count(*), count(AWSRegion), count(AWSRegion), max(starttime), min(starttime)
FROM events
GROUP BY EventSource
ORDER BY EventSource ASC NULLS FIRST;
