package cn.onenet.gateway.correlation;

import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who made a call, as the access line names them once their token was validated: the OAuth2 client the token was
 * issued to ({@code client.id}) and, for a person's sign-in, their user name ({@code user.name}). A machine client's
 * token (client credentials) has the client id as its subject too; a person's has their user name, so a subject that
 * is not the client id is a person. The user name is the token's {@code preferred_username} or else its subject,
 * whichever is neither an e-mail address nor a phone number (some providers use those as user names: they are
 * personal data and stay out of the logs).
 *
 * @param clientId the {@code client_id} claim, or else {@code azp}; {@code null} when the token names neither
 * @param userName a person's user name, {@code null} for a machine client
 */
public record LoggedCaller(String clientId, String userName) {

    static final String ATTRIBUTE = LoggedCaller.class.getName();

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,}[0-9]");

    /** The caller a validated token names. */
    public static LoggedCaller of(String clientId, String authorizedParty, String subject, String preferredUsername) {
        String client = clientId != null ? clientId : authorizedParty;
        String user = null;
        if (subject != null && !subject.equals(client)) {
            user = loggable(preferredUsername) ? preferredUsername : loggable(subject) ? subject : null;
        }
        return new LoggedCaller(client, user);
    }

    /** Names the caller on the exchange's access line. */
    public void remember(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
    }

    /** The caller of the exchange, {@code null} for an anonymous call or a token that was not valid. */
    static LoggedCaller of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    private static boolean loggable(String name) {
        return name != null && !name.isBlank() && name.indexOf('@') < 0 && !PHONE.matcher(name).matches();
    }
}
