package cn.onenet.identity.clients;

/** A machine client with that client id exists already (a demo client or one an administrator added). */
public class ClientAlreadyExists extends RuntimeException {

    public ClientAlreadyExists(MachineClient existing) {
        super("The client " + existing.clientId() + " exists already (" + existing.source().label()
                + (existing.enabled() ? "" : ", disabled") + "); rotate its secret instead of adding it again"
                + (existing.enabled() ? "." : " (that enables it again)."));
    }
}
