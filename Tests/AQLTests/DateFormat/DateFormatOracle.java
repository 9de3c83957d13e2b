import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The reference for AQL's DATEFORMAT in Skua (docs/aql.md): Java's SimpleDateFormat with
 * Locale.US, in UTC unless a zone id is given.
 *
 * <pre>
 *   javac -d /tmp/dfo DateFormatOracle.java
 *   java -cp /tmp/dfo DateFormatOracle [ZONE_ID] &lt; cases.tsv &gt; expected.txt
 * </pre>
 *
 * Reads UTF-8 lines {@code epochMillis<TAB>pattern} (the pattern is everything after the first
 * tab) and prints, one line per input line, the formatted text, or {@code !ERROR <message>}
 * when Java rejects the pattern or the line. Output is UTF-8 with '\n' line ends. A formatted
 * text never holds a newline (patterns come from single lines), so line i answers line i.
 */
public final class DateFormatOracle {
    public static void main(String[] args) throws Exception {
        TimeZone zone = TimeZone.getTimeZone("UTC");
        if (args.length > 0) {
            zone = TimeZone.getTimeZone(args[0]);
            // getTimeZone falls back to GMT silently on unknown ids: refuse instead.
            if (!zone.getID().equals(args[0])) {
                System.err.println("DateFormatOracle: unknown time zone id " + args[0]);
                System.exit(2);
            }
        }
        Map<String, SimpleDateFormat> formats = new HashMap<>();
        Map<String, String> rejected = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        String line;
        while ((line = in.readLine()) != null) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                out.print("!ERROR no tab in line\n");
                continue;
            }
            long millis;
            try {
                millis = Long.parseLong(line.substring(0, tab).trim());
            } catch (NumberFormatException e) {
                out.print("!ERROR bad epoch milliseconds: " + oneLine(e.getMessage()) + "\n");
                continue;
            }
            String pattern = line.substring(tab + 1);
            if (rejected.containsKey(pattern)) {
                out.print("!ERROR " + rejected.get(pattern) + "\n");
                continue;
            }
            SimpleDateFormat format = formats.get(pattern);
            if (format == null) {
                try {
                    format = new SimpleDateFormat(pattern, Locale.US);
                } catch (IllegalArgumentException e) {
                    String message = oneLine(e.getMessage());
                    rejected.put(pattern, message);
                    out.print("!ERROR " + message + "\n");
                    continue;
                }
                format.setTimeZone(zone);
                formats.put(pattern, format);
            }
            out.print(format.format(new Date(millis)) + "\n");
        }
        out.flush();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
