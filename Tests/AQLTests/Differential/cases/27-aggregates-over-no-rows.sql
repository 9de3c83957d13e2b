-- Aggregates, no GROUP BY, nothing selected: still one row; COUNT 0, the rest NULL.
-- columns: COUNT, COUNT_sourceip, u, s, a, lo, hi, f
SELECT count(*), count(sourceip), count(DISTINCT sourceip), CAST(sum(starttime) AS BIGINT),
  avg(starttime)::DOUBLE, min(starttime), max(EventName), arg_min_null(EventName, (starttime, ord))
FROM events
WHERE EventName = 'NoSuchAction';
