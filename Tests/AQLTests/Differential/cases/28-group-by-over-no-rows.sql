-- With GROUP BY, no events means no rows.
SELECT EventSource AS EventSource, count(*) AS n
FROM events
WHERE EventName = 'NoSuchAction'
GROUP BY EventSource
ORDER BY EventSource ASC NULLS FIRST;
