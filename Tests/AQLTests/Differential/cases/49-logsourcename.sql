-- LOGSOURCENAME(x): 'CloudTrail @ ' followed by x as text, NULL for NULL. logsourceid is
-- recipientAccountId (text, also when the record writes it as a number; NULL when absent or
-- null). devicetype is not grouped: its FIRST value, 347, named as an id like any other.
-- No ORDER BY: group key ascending, logsourceid then AccountId, NULL first.
SELECT RecipientAccountId AS logsourceid, AccountId,
  logsourcename(RecipientAccountId) AS log_source,
  logsourcename(AccountId) AS caller_log_source,
  logsourcename(arg_min_null(devicetype, (starttime, ord))) AS by_number,
  NULL AS of_null,
  count(*) AS n
FROM events
GROUP BY RecipientAccountId, AccountId
ORDER BY RecipientAccountId ASC NULLS FIRST, AccountId ASC NULLS FIRST;
