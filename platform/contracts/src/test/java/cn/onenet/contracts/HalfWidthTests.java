package cn.onenet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfWidthTests {

    @Test
    void readsFullWidthDigitsSignsAndLettersAsAscii() {
        assertThat(HalfWidth.of("１３９－１２３４－５６７８")).isEqualTo("139-1234-5678");
        assertThat(HalfWidth.of("（０５７１）８７６５４３２１")).isEqualTo("(0571)87654321");
        assertThat(HalfWidth.of("＋８６\u3000１３９１２３４５６７８")).isEqualTo("+86 13912345678");
        assertThat(HalfWidth.of("１１０１０５１９４９１２３１００２Ｘ")).isEqualTo("11010519491231002X");
    }

    @Test
    void leavesEverythingElseAsItIs() {
        String text = "星洲社区3幢2单元、独居老人。“电话”";
        assertThat(HalfWidth.of(text)).isSameAs(text);
        assertThat(HalfWidth.of("３幢，电话")).isEqualTo("3幢,电话");
        assertThat(HalfWidth.of(null)).isNull();
    }
}
