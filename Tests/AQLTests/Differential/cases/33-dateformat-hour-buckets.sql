-- Clock-hour buckets split the 17:40-18:20 burst and the year-end burst; the week-year bucket
-- of 2025-12-31 23:xx reads 2026-12-31 23:00:00. Group-key order (bucket strings by bytes).
SELECT bucket_yyyy_hour(starttime) AS bucket,
  strftime(utc(starttime), '%Y-%m-%d %H:00:00') AS calendar_bucket,
  EventName AS EventName, count(*) AS n
FROM events
WHERE EventName IN ('Publish', 'InvokeModel')
  AND UserIdentityArn IN ('arn:aws:sts::111122223333:assumed-role/OtpService/otp-1', 'arn:aws:iam::444455556666:user/ml-dev')
  AND AWSRegion IN ('us-east-1', 'eu-central-1')
GROUP BY bucket_yyyy_hour(starttime), strftime(utc(starttime), '%Y-%m-%d %H:00:00'), EventName
ORDER BY bucket ASC NULLS FIRST, calendar_bucket ASC NULLS FIRST, EventName ASC NULLS FIRST;
