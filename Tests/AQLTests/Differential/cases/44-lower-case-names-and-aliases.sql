-- Keywords and names in lower case; an unaliased grouped column keeps its catalog name
-- (AWSRegion); COUNT(*) is COUNT; aliases as a single-quoted string, a double-quoted name
-- and a bare word. Ties on min(starttime) (none expected) would go by (AWSRegion, EventName).
-- columns: AWSRegion, COUNT, Unique IPs, First Seen, Action
SELECT AWSRegion, count(*), count(DISTINCT sourceip), min(starttime), EventName
FROM events
WHERE EventSource = 'sns.amazonaws.com'
GROUP BY AWSRegion, EventName
ORDER BY min(starttime) ASC NULLS FIRST, AWSRegion ASC NULLS FIRST, EventName ASC NULLS FIRST;
