package cn.onenet.intake.submission;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.TrackingNumber;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackingNumbersTests {

    @Test
    void isSeventeenDigitsThatCatchAMisheardDigit() {
        String number = TrackingNumbers.forRequest(UUID.randomUUID());

        assertThat(number).matches("\\d{17}");
        assertThat(TrackingNumber.isWellFormed(number)).isTrue();
        assertThat(TrackingNumber.isWellFormed(number.substring(0, 4) + " " + number.substring(4, 8) + "-" + number.substring(8)))
            .isTrue();
        for (int position = 0; position < 17; position++) {
            char wrong = (char) ('0' + (number.charAt(position) - '0' + 1) % 10);
            String misheard = number.substring(0, position) + wrong + number.substring(position + 1);
            assertThat(TrackingNumber.isWellFormed(misheard)).as("digit %d misheard", position).isFalse();
        }
    }

    @Test
    void staysTheNumberCallersWereGivenForARequest() {
        // worked out apart from the code (SHA-256 of the id, its first 8 bytes, Luhn): a request submitted again
        // after an upgrade must keep the number its caller wrote down, leading zeros included
        assertThat(TrackingNumbers.forRequest(UUID.fromString("5b0e8a8e-0c33-4c84-9f7a-6f3d1c1b2a10")))
            .isEqualTo("77621755035950084");
        assertThat(TrackingNumbers.forRequest(UUID.fromString("00000000-0000-4000-8000-000000262be7")))
            .isEqualTo("00298509210426236");
    }

    @Test
    void isTheSameForTheSameRequestAndDistinctAcrossMany() {
        UUID id = UUID.randomUUID();
        assertThat(TrackingNumbers.forRequest(id)).isEqualTo(TrackingNumbers.forRequest(id));

        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            numbers.add(TrackingNumbers.forRequest(UUID.randomUUID()));
        }
        assertThat(numbers).hasSize(200_000);
    }
}
