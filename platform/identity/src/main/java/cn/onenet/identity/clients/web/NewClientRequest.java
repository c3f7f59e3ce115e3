package cn.onenet.identity.clients.web;

import cn.onenet.contracts.Channel;
import cn.onenet.identity.clients.ClientKind;
import cn.onenet.identity.clients.MachineIdentity;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The body of {@code POST /api/v1/clients}: {@code {"kind": "CHANNEL_SYSTEM", "channel": "COURT"}} or
 * {@code {"kind": "DEPARTMENT_SYSTEM", "department": "street-office-2"}}. Read as plain strings and checked here, so
 * that every wrong field — unknown ones included — is named in one answer.
 *
 * @param unknownFields the names of fields that are not part of the API; not read from the body itself
 */
record NewClientRequest(String kind, String channel, String department, Set<String> unknownFields) {

    private static final String KINDS = names(ClientKind.values());
    private static final String CHANNELS = names(Channel.values());

    @JsonCreator
    NewClientRequest(@JsonProperty("kind") String kind, @JsonProperty("channel") String channel,
            @JsonProperty("department") String department) {
        this(kind, channel, department, new TreeSet<>());
    }

    @JsonAnySetter
    void unknownField(String name, Object value) {
        unknownFields.add(name);
    }

    /**
     * What the request asks for.
     *
     * @throws InvalidClientRequest naming every invalid field
     */
    MachineIdentity identity() {
        List<FieldProblem> errors = new ArrayList<>();
        unknownFields.forEach(name -> errors.add(new FieldProblem(name, "unknown field; it is not part of this API")));
        ClientKind parsedKind = null;
        if (kind == null || kind.isBlank()) {
            errors.add(new FieldProblem("kind", "is required: one of " + KINDS));
        }
        else {
            parsedKind = Arrays.stream(ClientKind.values()).filter(value -> value.name().equals(kind)).findFirst()
                .orElse(null);
            if (parsedKind == null) {
                errors.add(new FieldProblem("kind", "must be one of " + KINDS));
            }
        }
        Channel parsedChannel = null;
        if (channel != null) {
            parsedChannel = Arrays.stream(Channel.values()).filter(value -> value.name().equals(channel)).findFirst()
                .orElse(null);
            if (parsedKind == ClientKind.DEPARTMENT_SYSTEM) {
                errors.add(new FieldProblem("channel", "only a CHANNEL_SYSTEM has a channel; leave it out"));
            }
            else if (parsedChannel == null) {
                errors.add(new FieldProblem("channel", "must be one of " + CHANNELS));
            }
        }
        else if (parsedKind == ClientKind.CHANNEL_SYSTEM) {
            errors.add(new FieldProblem("channel", "is required for a CHANNEL_SYSTEM: one of " + CHANNELS));
        }
        if (department != null) {
            if (parsedKind == ClientKind.CHANNEL_SYSTEM) {
                errors.add(new FieldProblem("department", "only a DEPARTMENT_SYSTEM has a department; leave it out"));
            }
            else if (!MachineIdentity.DEPARTMENT_CODE.matcher(department).matches()) {
                errors.add(new FieldProblem("department", "must be a department code: lower-case letters, digits and -, "
                        + "starting with a letter or digit, up to 64 characters"));
            }
        }
        else if (parsedKind == ClientKind.DEPARTMENT_SYSTEM) {
            errors.add(new FieldProblem("department", "is required for a DEPARTMENT_SYSTEM"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidClientRequest(errors);
        }
        return parsedKind == ClientKind.CHANNEL_SYSTEM ? MachineIdentity.channel(parsedChannel)
                : MachineIdentity.department(department);
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
