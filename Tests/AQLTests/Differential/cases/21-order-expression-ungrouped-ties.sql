-- Ungrouped rows tying on the ORDER BY key keep input order (ord).
SELECT UserAgent AS agent, EventName AS action, starttime AS t
FROM events
WHERE UserName = 'tie-tester'
ORDER BY java_div(starttime, 3600000) DESC NULLS LAST, ord ASC;
