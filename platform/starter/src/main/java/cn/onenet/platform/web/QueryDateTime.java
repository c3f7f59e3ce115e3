package cn.onenet.platform.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.format.Formatter;

/**
 * A date-time with offset in a query, read as people write it: {@code ?start=2026-12-01T10:00:00+08:00} typed into a
 * browser or curl arrives with its {@code +} decoded as a space, and is read as the {@code +} it was (a space has no
 * other place in such a value). Encoded ({@code %2B}) or with {@code Z}, it reads as before.
 */
final class QueryDateTime implements Formatter<OffsetDateTime> {

    private static final Pattern UNENCODED_PLUS = Pattern.compile(" (\\d{2}(:?\\d{2})?)$");

    @Override
    public OffsetDateTime parse(String text, Locale locale) {
        return OffsetDateTime.parse(UNENCODED_PLUS.matcher(text.trim()).replaceFirst("+$1"),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @Override
    public String print(OffsetDateTime value, Locale locale) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }
}
