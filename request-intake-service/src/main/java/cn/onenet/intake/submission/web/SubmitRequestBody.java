package cn.onenet.intake.submission.web;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.HalfWidth;
import cn.onenet.contracts.Urgency;
import cn.onenet.platform.web.Characters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/requests}, exactly as API.md describes it; unknown fields are refused. Text limits
 * count characters, not UTF-16 units ({@link Characters}); an external id is ASCII, where the two agree.
 */
@ExternalIdWhereRequired
record SubmitRequestBody(
        @NotNull Channel channel,
        // blank is no id (the channels that need one are told so once, by @ExternalIdWhereRequired)
        @Size(max = 64) @Pattern(regexp = "\\s*|[A-Za-z0-9][A-Za-z0-9._:/-]*",
                message = "may hold only letters, digits and . _ : / -") String externalId,
        @NotBlank @Characters(max = 64) @KnownCategory String category,
        @NotBlank @Characters(max = 100) String title,
        @NotBlank @Characters(max = 2000) String description,
        Urgency urgency,
        @NotNull @Valid LocationBody location,
        @NotNull @Valid RequesterBody requester) {

    @GridOfCommunity
    record LocationBody(
            @NotBlank @Characters(max = 64) @KnownCommunity String community,
            @Characters(max = 200) String address,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Characters(max = 64) String grid) {
    }

    record RequesterBody(
            @NotBlank @Characters(max = 50) String name,
            // blank is @NotBlank's to say, once
            @NotBlank @Pattern(regexp = "\\s*|" + PHONE, message = "must be a mainland mobile number (11 digits, "
                    + "starting 13–19) or a landline with area code, e.g. 0571-87654321") String phone,
            @ResidentIdNumber String idNumber) {

        /** Numbers typed in full-width mode ({@code １３９１２３４５６７８}) are the numbers they stand for. */
        RequesterBody {
            phone = HalfWidth.of(phone);
            idNumber = HalfWidth.of(idNumber);
        }
    }

    /**
     * A mainland mobile number, with the country code or not, or a landline with its area code; written as it is
     * read out — groups apart (spaces, dashes), the area code in brackets — which the lookup by phone took and
     * this refused.
     */
    static final String PHONE = "(\\+?86[- ]?)?1[3-9]\\d([- ]?\\d){8}"
            + "|(\\(0\\d{2,3}\\)|0\\d{2,3})[- ]?\\d{3,4}[- ]?\\d{4}(-\\d{1,6})?";
}
