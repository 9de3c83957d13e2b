-- SELECT *: every property of the catalog (Sources/CloudTrail/Catalog/properties.json), in its
-- order, each column named after its property; one row per event in input order (ord). Text
-- properties are the decoded string or the JSON text of anything else (RequestParameters is
-- an object, ReadOnly and ManagementEvent are booleans, recipientAccountId is sometimes a
-- number); username, logsourceid and qid as docs/aql.md "Data model" defines them.
-- The WHERE keeps a ninth of the events, every Bedrock API-key call and every event without a
-- recipientAccountId (logsourceid NULL).
-- columns: EventSource, EventName, UserIdentityArn, UserIdentityType, ErrorCode, AWSRegion, sourceip, starttime, devicetime, devicetype, username, logsourceid, qid, UserAgent, AccessKeyId, AccountId, RecipientAccountId, EventType, EventCategory, ReadOnly, SessionIssuerArn, ModelId, EventID, UserName, BearerToken, RequestParameters, SourceIPAddress, ErrorMessage, EventVersion, ManagementEvent, InvokedBy, RequestID, TLSHost
SELECT EventSource, EventName, UserIdentityArn, UserIdentityType, ErrorCode, AWSRegion, sourceip,
  starttime, devicetime, devicetype, principal_name(UserName, UserIdentityArn), RecipientAccountId,
  qid(EventSource, EventName), UserAgent, AccessKeyId, AccountId, RecipientAccountId, EventType,
  EventCategory, ReadOnly, SessionIssuerArn, ModelId, EventID, UserName, BearerToken,
  RequestParameters, SourceIPAddress, ErrorMessage, EventVersion, ManagementEvent, InvokedBy,
  RequestID, TLSHost
FROM events
WHERE java_mod(starttime, 9) = 0 OR BearerToken IS NOT NULL OR RecipientAccountId IS NULL
ORDER BY ord;
