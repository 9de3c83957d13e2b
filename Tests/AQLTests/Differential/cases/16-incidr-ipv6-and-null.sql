-- INCIDR with IPv6 blocks, and NOT INCIDR: NULL (not counted) when the address is NULL, so
-- not_in_* + in_* = with_address. (IPv4-mapped addresses are outside every block used here
-- under either reading.)
SELECT
  sum(CASE WHEN incidr('2001:db8::/32', sourceip) THEN 1 ELSE 0 END) AS in_doc_v6,
  sum(CASE WHEN NOT incidr('2001:db8::/32', sourceip) THEN 1 ELSE 0 END) AS not_in_doc_v6,
  sum(CASE WHEN incidr('2001:db8:85a3::/48', sourceip) THEN 1 ELSE 0 END) AS in_85a3,
  sum(CASE WHEN incidr('2600:1f18::/32', sourceip) THEN 1 ELSE 0 END) AS in_2600,
  sum(CASE WHEN incidr('fe80::/10', sourceip) THEN 1 ELSE 0 END) AS link_local,
  sum(CASE WHEN incidr('::1/128', sourceip) THEN 1 ELSE 0 END) AS loopback,
  sum(CASE WHEN NOT incidr('10.0.0.0/8', sourceip) THEN 1 ELSE 0 END) AS not_in_ten,
  count(sourceip) AS with_address,
  count(*) AS n
FROM events;
