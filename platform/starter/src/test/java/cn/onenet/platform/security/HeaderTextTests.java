package cn.onenet.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.security.HeaderText;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The loop the firewalls are given lets in exactly the header names and values Spring Security's expressions do. */
class HeaderTextTests {

    @Test
    void headerNamesAsTheServletAndReactiveFirewallsRuleThem() {
        assertSameRule(HeaderText::isAllowedName, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
        assertSameRule(HeaderText::isAllowedName, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES);
    }

    @Test
    void headerValuesAsTheServletAndReactiveFirewallsRuleThem() {
        assertSameRule(HeaderText::isAllowedValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
        assertSameRule(HeaderText::isAllowedValue, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void aTabIsAllowedInAValueOnly() {
        assertThat(HeaderText.isAllowedValue("Bearer\tabc")).isTrue();
        assertThat(HeaderText.isAllowedName("X-\tName")).isFalse();
        assertThat(HeaderText.isAllowedValue("a\r\nSet-Cookie: x")).isFalse();
        assertThat(HeaderText.isAllowedValue("民生网 12345")).isTrue();
    }

    /** Every code point alone and inside text, lone and paired surrogates, and the empty text. */
    private static void assertSameRule(Predicate<String> ours, Predicate<String> springs) {
        int differences = 0;
        StringBuilder first = new StringBuilder();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            for (String text : new String[] { alone, "ab" + alone + "cd" }) {
                if (ours.test(text) != springs.test(text)) {
                    differences++;
                    if (first.isEmpty()) {
                        first.append(String.format("U+%04X", codePoint));
                    }
                }
            }
        }
        for (String text : new String[] { "", "\uD83D", "x\uDE00y", "\uDE00\uD83D", "\uD83D\uDE00", "a\u0000" }) {
            if (ours.test(text) != springs.test(text)) {
                differences++;
            }
        }
        assertThat(differences).as("texts ruled otherwise than Spring Security does, the first at %s", first).isZero();
    }
}
