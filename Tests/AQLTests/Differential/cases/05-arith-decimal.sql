-- Decimal arithmetic: a decimal on either side gives a decimal (double); / by 0.0 gives NULL.
-- `(starttime - starttime) / 2.5` uses the ungrouped starttime (= its FIRST value): 0.0 either way.
-- Grouped, no ORDER BY: rows in group-key order.
SELECT EventName AS action,
  count(*) AS n,
  count(*) * 1.5::DOUBLE AS n_times_1_5,
  java_div(count(*), 4) AS int_quarter,
  dec_div(count(*), 4.0) AS dec_quarter,
  count(*) + 0.25::DOUBLE AS plus_quarter,
  count(*) - 0.5::DOUBLE AS minus_half,
  dec_div(count(*), 0.0) AS dec_div_zero,
  dec_div(sum(devicetype), 1000.0) AS sum_k,
  dec_div(0, 2.5) AS zero_dec
FROM events
WHERE EventSource = 'iam.amazonaws.com'
GROUP BY EventName
ORDER BY EventName ASC NULLS FIRST;
