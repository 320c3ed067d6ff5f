package org.custodia.reports.untrusted;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts what a PDF claims to hold before PDFBox parses it: PDFBox builds its whole cross-reference table
 * (or, for a damaged file, scans every {@code n g obj} it finds) before anything can be counted, so a
 * 20 MiB file claiming tens of millions of objects would fill the heap first. The raw bytes are scanned
 * once, in linear time: the largest {@code /Size} of any trailer or cross-reference stream, the entries
 * its {@code /Index} arrays and classic {@code xref} subsections declare, and the object headers present.
 */
final class ObjectCountScan {

    private static final Pattern SIZE = Pattern.compile("/Size\\s+(\\d{1,18})");
    private static final Pattern INDEX = Pattern.compile("/Index\\s*\\[([\\d\\s]{0,4000})\\]");
    private static final Pattern SUBSECTION = Pattern.compile("(?<=[\\r\\n])\\s*\\d{1,18}[ \\t]+(\\d{1,18})[ \\t]*\\r?\\n(?=\\d{10} \\d{5} [nf])");
    private static final Pattern OBJECT_HEADER = Pattern.compile("\\d{1,18}\\s+\\d{1,10}\\s+obj\\b");

    private ObjectCountScan() {
    }

    /** The largest object count the file declares or holds, capped just above {@code limit}. */
    static long declaredObjects(byte[] pdf, long limit) {
        // ISO-8859-1 maps byte for byte, so offsets and tokens survive binary stream data
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        long most = 0;
        Matcher size = SIZE.matcher(text);
        while (size.find()) {
            most = Math.max(most, number(size.group(1)));
        }
        Matcher index = INDEX.matcher(text);
        while (index.find()) {
            String[] numbers = index.group(1).trim().split("\\s+");
            long entries = 0;
            for (int i = 1; i < numbers.length; i += 2) {
                entries += number(numbers[i]);
            }
            most = Math.max(most, entries);
        }
        long subsections = 0;
        Matcher subsection = SUBSECTION.matcher(text);
        while (subsection.find() && subsections <= limit) {
            subsections += number(subsection.group(1));
        }
        most = Math.max(most, subsections);
        long headers = 0;
        Matcher header = OBJECT_HEADER.matcher(text);
        while (headers <= limit && header.find()) {
            headers++;
        }
        return Math.min(Math.max(most, headers), limit + 1);
    }

    private static long number(String digits) {
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
