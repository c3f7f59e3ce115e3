package cn.onenet.platform.pii;

import cn.onenet.contracts.HalfWidth;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the phone and resident ID numbers a caller's free text (a title, a description, a note, a callback comment)
 * holds, as every view masks the requester's: {@code 139****0000}, {@code 0571****4321}, {@code 110***********1234}.
 * Found are mainland mobile numbers (11 digits starting 13–19, with {@code +86} or not), landlines whose area code is
 * set apart by a dash or brackets ({@code 0571-87654321}, {@code (010)62345678}), and resident ID numbers with a valid
 * birth date and check character ({@link ResidentIdNumbers}). A number is only one not run together with other
 * digits, so a 17-digit tracking number, an amount or an account number is left as it is. Digits may be grouped any
 * way, a space or a dash at most between two ({@code 1 3 9 1 2 3 4 0 0 0 0}, {@code 110105 19491231 002X}); digits,
 * dashes, spaces and brackets typed in full-width mode ({@code １３９－１２３４－５６７８}) count as theirs; the masked
 * number is written in ASCII. Numbers in Chinese numerals are left as they are.
 */
public final class FreeTextNumbers {

    // a digit, a separator, a plus, brackets: ASCII or full-width (typed with a Chinese input method in that mode)
    private static final String D = "[0-9０-９]";
    private static final String SEP = "[- －\u3000]";
    // digits as they are read out or typed: one space or dash at most between any two, in any grouping
    private static final Pattern ID_NUMBER = Pattern.compile("(?<!" + D + ")" + D + "(?:" + SEP + "?" + D + "){16}"
            + SEP + "?[0-9０-９XxＸｘ](?!" + D + ")");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9０-９+＋])(?:[+＋]?[8８][6６]" + SEP + "?)?"
            + "[1１]" + SEP + "?[3-9３-９](?:" + SEP + "?" + D + "){9}(?!" + D + ")");
    private static final Pattern LANDLINE = Pattern.compile("(?<!" + D + ")(?:[(（][0０][1-9１-９]" + D + "{1,2}[)）]"
            + SEP + "?|[0０][1-9１-９]" + D + "{1,2}[-－])[2-9２-９]" + D + "{6,7}(?!" + D + ")");
    private static final Pattern NOT_A_DIGIT_OR_X = Pattern.compile("[^0-9X]");

    private FreeTextNumbers() {
    }

    /** The text with every number found masked; the very same text when none is found (or it is {@code null}). */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = replace(ID_NUMBER, text, FreeTextNumbers::idNumber);
        masked = replace(MOBILE, masked, FreeTextNumbers::mobile);
        return replace(LANDLINE, masked, Masking::phone);
    }

    /**
     * Every match the masking masks, replaced; where it answers {@code null} (no number after all), the search goes on
     * from the match's next character, so a number that begins inside it is still found.
     */
    private static String replace(Pattern pattern, String text, Function<String, String> masking) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder masked = null;
        int copied = 0;
        int from = 0;
        while (from < text.length() && matcher.find(from)) {
            String replacement = masking.apply(matcher.group());
            if (replacement == null) {
                from = matcher.start() + 1;
                continue;
            }
            if (masked == null) {
                masked = new StringBuilder(text.length());
            }
            masked.append(text, copied, matcher.start()).append(replacement);
            copied = matcher.end();
            from = matcher.end();
        }
        return masked == null ? text : masked.append(text, copied, text.length()).toString();
    }

    /** 110105 19491231 002x → 110***********002X, when it is an ID number (birth date, check character); else null. */
    private static String idNumber(String found) {
        String number = NOT_A_DIGIT_OR_X.matcher(HalfWidth.of(found).toUpperCase()).replaceAll("");
        return ResidentIdNumbers.valid(number) ? Masking.idNumber(number) : null;
    }

    /** 13912340000, +86 139-1234-0000 → 139****0000: the eleven digits, masked as the views mask a phone. */
    private static String mobile(String found) {
        String digits = HalfWidth.of(found).replaceAll("\\D", "");
        return Masking.phone(digits.substring(digits.length() - 11));
    }
}
