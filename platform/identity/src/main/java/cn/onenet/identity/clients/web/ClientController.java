package cn.onenet.identity.clients.web;

import cn.onenet.identity.clients.ClientDirectory;
import cn.onenet.identity.clients.ClientNotFound;
import cn.onenet.identity.clients.MachineIdentity;
import cn.onenet.identity.departments.Departments;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators manage the machine clients (channel and department systems): list them, add one (its secret is
 * shown once), rotate a secret (the old one is refused at once), disable one. Only a bearer token of this provider
 * with role {@code ADMIN} gets here (see the {@code /api/**} filter chain).
 * <p>
 * Disabling stops a client from getting new tokens; <b>access tokens it already has stay valid until they expire</b>
 * (at most {@code onenet.identity.access-token-ttl}), since the gateway and the services check them on their own.
 * Rotating the secret of a disabled client enables it again, with the new secret only.
 */
@RestController
@RequestMapping(ClientController.PATH)
class ClientController {

    static final String PATH = "/api/v1/clients";

    private static final Logger log = LoggerFactory.getLogger(ClientController.class);

    private final ClientDirectory clients;
    private final Departments departments;

    ClientController(ClientDirectory clients, Departments departments) {
        this.clients = clients;
        this.departments = departments;
    }

    /** Every channel and department system, demo ones and those administrators added, by client id. */
    @GetMapping
    List<ClientView> list() {
        return clients.list().stream().map(ClientView::of).toList();
    }

    @GetMapping("/{clientId}")
    ClientView get(@PathVariable String clientId) {
        return clients.find(clientId).map(ClientView::of).orElseThrow(() -> new ClientNotFound(clientId));
    }

    /**
     * Adds a channel or department system; 201 with its secret, shown this once. The body is taken as text and read
     * by {@link NewClientRequest} itself, strictly: a field given twice or a value of the wrong type is refused, never
     * settled by the last value or by a conversion, and every bad field is named in one answer. A call without a
     * body needs no content type to be told so (a body is not "required" here only for that).
     * <p>
     * A department system is added only for a department the routing service lists, asked (with the administrator's
     * own token) whenever the code is well formed, so that an unknown department is named beside the body's other
     * problems: reports from a system of any other would all be refused, since no order is ever dispatched to it.
     */
    @PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
    ResponseEntity<IssuedClientView> create(@RequestBody(required = false) String body,
            @AuthenticationPrincipal Jwt admin, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        MachineIdentity identity = NewClientRequest.read(body).identity(code -> {
            boolean exists = departments.exists(code, authorization);
            if (!exists) {
                log.info("{} was refused a department system for {}: no department has this code at {}",
                        admin.getSubject(), code, departments.list());
            }
            return exists;
        });
        IssuedClientView created = IssuedClientView.of(clients.create(identity, admin.getSubject()));
        return ResponseEntity.created(URI.create(PATH + "/" + created.clientId())).body(created);
    }

    /**
     * Replaces a client's secret; the new one is shown this once, the old one is refused from now on. A disabled
     * client is enabled again.
     */
    @PostMapping("/{clientId}/secret")
    IssuedClientView rotateSecret(@PathVariable String clientId, @AuthenticationPrincipal Jwt admin) {
        return IssuedClientView.of(clients.rotateSecret(clientId, admin.getSubject()));
    }

    /** Disables a client: no new tokens for it; tokens it already has stay valid until they expire. */
    @DeleteMapping("/{clientId}")
    ResponseEntity<Void> disable(@PathVariable String clientId, @AuthenticationPrincipal Jwt admin) {
        clients.disable(clientId, admin.getSubject());
        return ResponseEntity.noContent().build();
    }
}
