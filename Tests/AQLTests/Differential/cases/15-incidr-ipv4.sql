-- INCIDR with IPv4 blocks over canonical sourceip. IPv6 addresses are never inside an IPv4
-- block. IPv4-mapped addresses (::ffff:a.b.c.d) are filtered out: docs/aql.md does not say
-- whether they count as their IPv4 address. incidr() is a Python function (run_twins.py).
SELECT sourceip AS sourceip, count(*) AS n,
  CASE WHEN incidr('10.0.0.0/8', sourceip) THEN 'ten'
       WHEN incidr('198.51.100.0/24', sourceip) THEN 'test-net-2'
       WHEN incidr('192.0.2.0/25', sourceip) THEN 'test-net-1-low'
       WHEN incidr('0.0.0.0/32', sourceip) THEN 'zero'
       ELSE 'other' END AS block
FROM events
WHERE sourceip IS NOT NULL AND NOT starts_with(sourceip, '::ffff:')
GROUP BY sourceip
ORDER BY encode(sourceip) ASC NULLS FIRST;
