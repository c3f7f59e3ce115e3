package cn.onenet.contracts;

/**
 * Text typed with a Chinese input method in full-width mode — {@code １３９－１２３４－５６７８}, {@code （０５７１）},
 * {@code １１０１０５１９４９１２３１００２Ｘ} — read as the ASCII it stands for. Only the full-width forms of ASCII
 * (U+FF01–U+FF5E) and the ideographic space change, each to one character, so positions in the text stay the same.
 */
public final class HalfWidth {

    private static final char FIRST = '\uFF01';
    private static final char LAST = '\uFF5E';
    private static final char IDEOGRAPHIC_SPACE = '\u3000';

    private HalfWidth() {
    }

    /** The text with full-width ASCII forms as ASCII; the very same text when it has none (or is {@code null}). */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST || c == IDEOGRAPHIC_SPACE) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = c == IDEOGRAPHIC_SPACE ? ' ' : (char) (c - FIRST + '!');
            }
        }
        return chars == null ? text : new String(chars);
    }
}
