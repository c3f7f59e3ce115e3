package cn.onenet.intake.submission;

import cn.onenet.contracts.HalfWidth;
import cn.onenet.platform.pii.Masking;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the phone and resident ID numbers a caller's free text (a title, a description) holds, as every view masks
 * the requester's: {@code 139****0000}, {@code 0571****4321}, {@code 110***********1234}. Found are mainland mobile
 * numbers (11 digits starting 13–19, whole or grouped 3-4-4 with spaces or dashes, with {@code +86} or not),
 * landlines whose area code is set apart by a dash or brackets ({@code 0571-87654321}, {@code (010)62345678}), and
 * resident ID numbers with a valid birth date and check character ({@link ResidentIdNumbers}). A number is only one
 * not run together with other digits, so a 17-digit tracking number, an amount or an account number is left as it
 * is; so are numbers written any other way (digit by digit, in Chinese numerals, with other groupings). Digits,
 * dashes, spaces and brackets typed in full-width mode ({@code １３９－１２３４－５６７８}) count as theirs; the masked
 * number is written in ASCII.
 */
public final class FreeTextNumbers {

    // a digit, a separator, a plus, brackets: ASCII or full-width (typed with a Chinese input method in that mode)
    private static final String D = "[0-9０-９]";
    private static final String SEP = "[- －\u3000]";
    private static final Pattern ID_NUMBER = Pattern.compile("(?<!" + D + ")" + D + "{17}[0-9０-９XxＸｘ](?!" + D + ")");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9０-９+＋])(?:[+＋]?[8８][6６]" + SEP + "?)?"
            + "[1１][3-9３-９]" + D + "(?:" + SEP + "?" + D + "{4}){2}(?!" + D + ")");
    private static final Pattern LANDLINE = Pattern.compile("(?<!" + D + ")(?:[(（][0０][1-9１-９]" + D + "{1,2}[)）]"
            + SEP + "?|[0０][1-9１-９]" + D + "{1,2}[-－])[2-9２-９]" + D + "{6,7}(?!" + D + ")");

    private FreeTextNumbers() {
    }

    /** The text with every number found masked; the very same text when none is found (or it is {@code null}). */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = replace(ID_NUMBER, text, found -> ResidentIdNumbers.valid(HalfWidth.of(found))
                ? Masking.idNumber(HalfWidth.of(found).toUpperCase()) : found);
        masked = replace(MOBILE, masked, FreeTextNumbers::mobile);
        return replace(LANDLINE, masked, Masking::phone);
    }

    private static String replace(Pattern pattern, String text, Function<String, String> masking) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        boolean changed = false;
        do {
            String replacement = masking.apply(matcher.group());
            changed |= !replacement.equals(matcher.group());
            matcher.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        while (matcher.find());
        return changed ? matcher.appendTail(masked).toString() : text;
    }

    /** 13912340000, +86 139-1234-0000 → 139****0000: the eleven digits, masked as the views mask a phone. */
    private static String mobile(String found) {
        String digits = HalfWidth.of(found).replaceAll("\\D", "");
        return Masking.phone(digits.substring(digits.length() - 11));
    }
}
