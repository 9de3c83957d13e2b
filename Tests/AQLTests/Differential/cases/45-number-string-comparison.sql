-- A number compared with a string: the string is read as a number when it is one ('1.09',
-- '111122223333'), else the comparison is NULL ('us-east-1' = 1 -> region_vs_number 0).
SELECT EventVersion AS version, count(*) AS n,
  sum(CASE WHEN TRY_CAST(EventVersion AS DOUBLE) >= 1.09::DOUBLE THEN 1 ELSE 0 END) AS at_least_1_09,
  sum(CASE WHEN TRY_CAST(EventVersion AS DOUBLE) < 2 THEN 1 ELSE 0 END) AS below_2,
  sum(CASE WHEN TRY_CAST(AccountId AS BIGINT) = 111122223333 THEN 1 ELSE 0 END) AS account_a,
  sum(CASE WHEN TRY_CAST(AWSRegion AS DOUBLE) = 1 THEN 1
           WHEN NOT (TRY_CAST(AWSRegion AS DOUBLE) = 1) THEN 2 ELSE 0 END) AS region_vs_number
FROM events
GROUP BY EventVersion
ORDER BY EventVersion ASC NULLS FIRST;
