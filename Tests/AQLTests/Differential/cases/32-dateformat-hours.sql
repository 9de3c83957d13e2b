-- 'HH' is 00-23; 'hh a' is 01-12 with AM/PM (midnight is 12 AM, noon 12 PM).
SELECT strftime(utc(starttime), '%H') AS hh, strftime(utc(starttime), '%I %p') AS h12, count(*) AS n
FROM events
WHERE starttime >= 1767225600000
GROUP BY strftime(utc(starttime), '%H'), strftime(utc(starttime), '%I %p')
ORDER BY hh DESC NULLS LAST, h12 ASC NULLS FIRST;
