package cn.onenet.platform.pii;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys for personal data, base64 of 32 random bytes each ({@code ONENET_PII_KEY}, {@code ONENET_PII_LOOKUP_KEY}).
 * The defaults are the documented local demo keys (README): every production deployment sets its own, and a
 * service running on them says so in its log at start.
 *
 * @param key the AES-256-GCM key that seals phone and ID numbers
 * @param lookupKey the HMAC-SHA256 key of the exact-match lookup hashes
 */
@ConfigurationProperties("onenet.pii")
public record PersonalDataProperties(@DefaultValue(PersonalDataProperties.DEMO_KEY) String key,
        @DefaultValue(PersonalDataProperties.DEMO_LOOKUP_KEY) String lookupKey) {

    /** The local demo key: public, in the README; never for real data. */
    public static final String DEMO_KEY = "TPQsTbMGccYlP6SHH01QCNx95WPyHXszYtdVDwIb+vg=";

    /** The local demo lookup key: public, in the README; never for real data. */
    public static final String DEMO_LOOKUP_KEY = "VQ3TarlZpjRVFaiMetyX6Fm0hMOJTumLTr+HygNRXIM=";

    public boolean demoKeys() {
        return DEMO_KEY.equals(key) || DEMO_LOOKUP_KEY.equals(lookupKey);
    }
}
