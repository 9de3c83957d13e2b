# jq twin of the published T1496.004 query's groups (rules/qradar/t1496.004-cloud-service-hijacking.aql).
# Run as:  jq -n -r --arg after A --arg upto B -f published-groups.jq FILE.jsonl ...
# Streams the records one by one (reduce over inputs, no slurp) and prints one
# tab-separated line per group over its threshold:
#   hour bucket, eventSource, userIdentity.arn, userIdentity.type, sourceIPAddress, awsRegion, count
# NULL (a missing key or JSON null) is printed as the text NULL.
#
# The window LAST 1 DAYS is  now - 1 day < eventTime <= now.  With $after and $upto the first
# 19 characters (YYYY-MM-DDTHH:MM:SS) of those two instants, and CloudTrail's whole-second
# eventTime, that is  $after < eventTime[0:19] <= $upto  as text.
# The bucket is DATEFORMAT(starttime, 'YYYY-MM-dd HH:00:00'): YYYY is the week year, equal to
# the calendar year in eventTime[0:4] except on 28-31 December (the data is 5 January 2026).

{"ses.amazonaws.com": 100, "sns.amazonaws.com": 200, "bedrock.amazonaws.com": 50} as $threshold
| {"SendEmail": true, "SendRawEmail": true, "SendBulkTemplatedEmail": true, "SendBulkEmail": true,
   "SendTemplatedEmail": true, "Publish": true, "PublishBatch": true, "InvokeModel": true,
   "InvokeModelWithResponseStream": true, "CreateModelInvocationJob": true, "InvokeAgent": true} as $names
| reduce inputs as $r ({};
    if $threshold[$r.eventSource // ""] != null
       and $names[$r.eventName // ""] != null
       and ($r.errorCode == null or $r.errorCode == "")
       and ($r.eventTime[0:19] as $t | $t > $after and $t <= $upto)
    then .[[$r.eventTime[0:10] + " " + $r.eventTime[11:13] + ":00:00",
            $r.eventSource, $r.userIdentity.arn, $r.userIdentity.type,
            $r.sourceIPAddress, $r.awsRegion] | tojson] += 1
    else . end)
| to_entries[]
| (.key | fromjson) as $k
| select(.value > $threshold[$k[1]])
| $k + [.value]
| map(if . == null then "NULL" else tostring end)
| @tsv
