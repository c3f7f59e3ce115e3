package cn.onenet.identity.clients;

/**
 * A client with the secret just issued to it: handed to the administrator once, then only its hash is kept.
 *
 * @param client the client as it now is
 * @param secret the new secret, in clear
 */
public record IssuedSecret(MachineClient client, String secret) {

    /** Leaves the secret out, so that a log line never carries it. */
    @Override
    public String toString() {
        return "IssuedSecret[" + client + "]";
    }
}
