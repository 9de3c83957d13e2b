-- NOT (NULL = 'AccessDenied') is NULL, and WHERE keeps only true: no NULL ErrorCode row;
-- '' is a value of its own. Grouped, no ORDER BY: group-key order.
SELECT ErrorCode AS ErrorCode, count(*) AS n
FROM events
WHERE ErrorCode IS NOT NULL AND ErrorCode <> 'AccessDenied'
GROUP BY ErrorCode
ORDER BY ErrorCode ASC NULLS FIRST;
