package cn.onenet.platform.pii;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.TrackingNumber;
import org.junit.jupiter.api.Test;

class FreeTextNumbersTests {

    @Test
    void masksMobileAndIdNumbersAsTheViewsMaskTheRequesters() {
        assertThat(FreeTextNumbers.mask("请回电13912340000，身份证11010519491231002X"))
            .isEqualTo("请回电139****0000，身份证110***********002X");
        assertThat(FreeTextNumbers.mask("噪音 回电13912340000")).isEqualTo("噪音 回电139****0000");
        assertThat(FreeTextNumbers.mask("身份证号11010519491231002x。")).isEqualTo("身份证号110***********002X。");
    }

    @Test
    void masksAMobileNumberAsItIsReadOut() {
        assertThat(FreeTextNumbers.mask("电话 139 1234 5678 找王先生")).isEqualTo("电话 139****5678 找王先生");
        assertThat(FreeTextNumbers.mask("电话139-1234-5678")).isEqualTo("电话139****5678");
        assertThat(FreeTextNumbers.mask("call +86 139 1234 5678 or +8613912345678"))
            .isEqualTo("call 139****5678 or 139****5678");
        assertThat(FreeTextNumbers.mask("tel13912345678")).isEqualTo("tel139****5678");
    }

    @Test
    void masksNumbersGroupedAnyWayOrReadOutDigitByDigit() {
        assertThat(FreeTextNumbers.mask("电话1 3 9 1 2 3 4 0 0 0 0。")).isEqualTo("电话139****0000。");
        assertThat(FreeTextNumbers.mask("电话 1391 234 0000")).isEqualTo("电话 139****0000");
        assertThat(FreeTextNumbers.mask("身份证110105 19491231 002X")).isEqualTo("身份证110***********002X");
        assertThat(FreeTextNumbers.mask("身份证 110105-1949-1231-002x")).isEqualTo("身份证 110***********002X");
        // a phone number just before an ID number: the first 18 digits are no ID number, the ID number after is found
        assertThat(FreeTextNumbers.mask("13912340000 11010519491231002X"))
            .isEqualTo("139****0000 110***********002X");
    }

    @Test
    void masksNumbersTypedInFullWidthMode() {
        assertThat(FreeTextNumbers.mask("请回电１３９１２３４００００，谢谢")).isEqualTo("请回电139****0000，谢谢");
        assertThat(FreeTextNumbers.mask("电话：１３９－１２３４－５６７８")).isEqualTo("电话：139****5678");
        assertThat(FreeTextNumbers.mask("电话 ＋８６\u3000１３９ １２３４ ５６７８。")).isEqualTo("电话 139****5678。");
        assertThat(FreeTextNumbers.mask("物业（０５７１）８７６５４３２１")).isEqualTo("物业0571****4321");
        assertThat(FreeTextNumbers.mask("身份证１１０１０５１９４９１２３１００２ｘ")).isEqualTo("身份证110***********002X");
        // mixed: an ASCII number run together with full-width digits is one longer number, not a phone
        String amount = "金额１３９１２３４００００1元";
        assertThat(FreeTextNumbers.mask(amount)).isSameAs(amount);
    }

    @Test
    void masksALandlineWhoseAreaCodeIsSetApart() {
        assertThat(FreeTextNumbers.mask("物业电话0571-87654321。")).isEqualTo("物业电话0571****4321。");
        assertThat(FreeTextNumbers.mask("(0571)87654321 或 (010) 62345678"))
            .isEqualTo("0571****4321 或 0106****5678");
    }

    @Test
    void leavesTextWithoutNumbersAndOrdinaryNumbersAsTheyAre() {
        String tracking = "2026112812345678";
        tracking = tracking + TrackingNumber.checkDigit(tracking);
        for (String text : new String[] { "独居老人需要助餐服务", "受理编号" + tracking + "的回访", "金额12345678901234元",
                "面积130平方米，共2000户", "日期2026-11-28 10:15", "账号057187654321", "卡号6222021234567890123",
                "编号110105194912310021（校验位不对）", "12345678901", "手机号139123456789多一位", tracking + "X" }) {
            assertThat(FreeTextNumbers.mask(text)).as(text).isSameAs(text);
        }
        assertThat(FreeTextNumbers.mask(null)).isNull();
    }

    @Test
    void theMaskedTextIsNeverLongerThanTheText() {
        for (String text : new String[] { "13912340000", "+86 139 1234 0000", "0571-87654321", "(010)62345678",
                "11010519491231002X" }) {
            assertThat(FreeTextNumbers.mask(text).codePointCount(0, FreeTextNumbers.mask(text).length()))
                .as(text).isLessThanOrEqualTo(text.length());
        }
    }
}
