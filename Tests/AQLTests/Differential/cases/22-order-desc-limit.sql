-- Two keys, DESC then ASC (NULL first ascending), ties by input order, then LIMIT.
SELECT EventName AS action, sourceip AS ip, SourceIPAddress AS raw_ip, starttime AS t
FROM events
WHERE EventSource = 'bedrock.amazonaws.com'
ORDER BY starttime DESC NULLS LAST, sourceip ASC NULLS FIRST, ord ASC
LIMIT 7;
