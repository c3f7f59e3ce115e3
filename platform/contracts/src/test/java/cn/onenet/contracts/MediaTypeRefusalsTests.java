package cn.onenet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypeRefusalsTests {

    @Test
    void saysTheValueAndWhyItIsNoMediaTypeOnce() {
        assertThat(MediaTypeRefusals.noMediaType(")|", "Invalid mime type \")|\": does not contain '/'"))
            .isEqualTo("')|' is no media type: does not contain '/'");
        assertThat(MediaTypeRefusals.noMediaType("*/*;q=abc",
                "Invalid media type \"*/*;q=abc\": For input string: \"abc\""))
            .isEqualTo("'*/*;q=abc' is no media type: a weight (q) must be a number from 0 to 1, not \"abc\"");
        assertThat(MediaTypeRefusals.noMediaType("a/b;charset=utf-99",
                "Invalid mime type \"a/b;charset=utf-99\": unsupported charset 'utf-99'"))
            .isEqualTo("'a/b;charset=utf-99' is no media type: unsupported charset 'utf-99'");
    }

    @Test
    void saysWhySpringCouldNotReadAValueItFailsWithoutSaying() {
        assertThat(MediaTypeRefusals.noMediaType("\"a/b", MediaTypeRefusals.unreadable("\"a/b")))
            .isEqualTo("'\"a/b' is no media type: a quote (\") where a type/subtype should begin");
        assertThat(MediaTypeRefusals.unreadable("a/b")).isEqualTo("it cannot be read as a type/subtype");
        // a value holding a quote, in the message of the exception made for it
        assertThat(MediaTypeRefusals.noMediaType("\"a/b", "Invalid media type \"\"a/b\": "
                + MediaTypeRefusals.unreadable("\"a/b")))
            .isEqualTo("'\"a/b' is no media type: a quote (\") where a type/subtype should begin");
    }
}
