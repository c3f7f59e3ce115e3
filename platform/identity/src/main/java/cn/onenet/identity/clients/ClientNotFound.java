package cn.onenet.identity.clients;

/** No machine client has that client id. */
public class ClientNotFound extends RuntimeException {

    public ClientNotFound(String clientId) {
        super("No channel or department system has the client id " + clientId + ".");
    }
}
