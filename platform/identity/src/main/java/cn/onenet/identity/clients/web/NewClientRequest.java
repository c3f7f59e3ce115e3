package cn.onenet.identity.clients.web;

import cn.onenet.contracts.Channel;
import cn.onenet.identity.clients.ClientKind;
import cn.onenet.identity.clients.MachineIdentity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/clients}: {@code {"kind": "CHANNEL_SYSTEM", "channel": "COURT"}} or
 * {@code {"kind": "DEPARTMENT_SYSTEM", "department": "street-office-2"}}. Read as {@link JsonFields} and checked
 * here field by field, so that every wrong field — given twice, unknown, of the wrong JSON type (never coerced:
 * {@code 123} is no department code), of a wrong value or a department no department has — is named once, in one
 * answer.
 */
record NewClientRequest(JsonFields body) {

    private static final Set<String> FIELDS = Set.of("kind", "channel", "department");
    private static final String KINDS = names(ClientKind.values());
    private static final String CHANNELS = names(Channel.values());
    private static final String WRONG_TYPE = "has the wrong type; expected a string";

    /**
     * Reads a request body.
     *
     * @throws UnreadableBody if it is no JSON object
     */
    static NewClientRequest read(String body) {
        return new NewClientRequest(JsonFields.read(body));
    }

    /**
     * What the request asks for, its department not looked up (a department system only for a test).
     *
     * @throws InvalidClientRequest naming every invalid field
     */
    MachineIdentity identity() {
        return identity(code -> true);
    }

    /**
     * What the request asks for.
     *
     * @param departmentExists asked about a department system's well-formed code, whatever else is wrong, so that the
     *                         answer names that problem with the others; when it can't tell (it throws) and other
     *                         fields are wrong, those are answered alone
     * @throws InvalidClientRequest naming every invalid field, an unknown department among them
     */
    MachineIdentity identity(Predicate<String> departmentExists) {
        List<FieldProblem> errors = new ArrayList<>();
        body.repeated()
            .forEach(name -> errors.add(new FieldProblem(name, "is given more than once; send each field once")));
        body.values().keySet().stream().filter(name -> !FIELDS.contains(name) && !body.repeated().contains(name))
            .sorted()
            .forEach(name -> errors.add(new FieldProblem(name, "unknown field; it is not part of this API")));

        // a kind given twice is not known: the checks that depend on it wait until it is sent once
        ClientKind parsedKind = body.repeated().contains("kind") ? null : kind(given("kind"), errors);

        Channel parsedChannel = null;
        JsonNode channel = given("channel");
        if (channel != null) {
            if (parsedKind == ClientKind.DEPARTMENT_SYSTEM) {
                errors.add(new FieldProblem("channel", "only a CHANNEL_SYSTEM has a channel; leave it out"));
            }
            else if (!channel.isString()) {
                errors.add(new FieldProblem("channel", WRONG_TYPE + ", one of " + CHANNELS));
            }
            else {
                parsedChannel = Arrays.stream(Channel.values()).filter(value -> value.name().equals(channel.asString()))
                    .findFirst().orElse(null);
                if (parsedChannel == null) {
                    errors.add(new FieldProblem("channel", "must be one of " + CHANNELS));
                }
            }
        }
        else if (parsedKind == ClientKind.CHANNEL_SYSTEM && !body.repeated().contains("channel")) {
            errors.add(new FieldProblem("channel", "is required for a CHANNEL_SYSTEM: one of " + CHANNELS));
        }

        JsonNode department = given("department");
        if (department != null) {
            if (parsedKind == ClientKind.CHANNEL_SYSTEM) {
                errors.add(new FieldProblem("department", "only a DEPARTMENT_SYSTEM has a department; leave it out"));
            }
            else if (!department.isString()) {
                errors.add(new FieldProblem("department", WRONG_TYPE));
            }
            else if (!MachineIdentity.DEPARTMENT_CODE.matcher(department.asString()).matches()) {
                errors.add(new FieldProblem("department", "must be a department code: lower-case letters, digits and "
                        + "-, starting with a letter or digit, up to 64 characters"));
            }
            else if (parsedKind == ClientKind.DEPARTMENT_SYSTEM) {
                checkExists(department.asString(), departmentExists, errors);
            }
        }
        else if (parsedKind == ClientKind.DEPARTMENT_SYSTEM && !body.repeated().contains("department")) {
            errors.add(new FieldProblem("department", "is required for a DEPARTMENT_SYSTEM"));
        }

        if (!errors.isEmpty()) {
            throw new InvalidClientRequest(errors);
        }
        return parsedKind == ClientKind.CHANNEL_SYSTEM ? MachineIdentity.channel(parsedChannel)
                : MachineIdentity.department(department.asString());
    }

    /** Adds the department's problem to {@code errors} if no department has {@code code}. */
    private static void checkExists(String code, Predicate<String> departmentExists, List<FieldProblem> errors) {
        boolean exists;
        try {
            exists = departmentExists.test(code);
        }
        catch (RuntimeException cannotTell) {
            if (errors.isEmpty()) {
                throw cannotTell;
            }
            // the other fields are refused now; the department is checked once they are right
            return;
        }
        if (!exists) {
            errors.add(new FieldProblem("department", "no department has this code; add it first (PUT "
                    + "/api/v1/departments/" + code + ")"));
        }
    }

    /** The kind asked for, or {@code null} with the reason in {@code errors}. */
    private static ClientKind kind(JsonNode kind, List<FieldProblem> errors) {
        if (kind == null || kind.isString() && kind.asString().isBlank()) {
            errors.add(new FieldProblem("kind", "is required: one of " + KINDS));
            return null;
        }
        if (!kind.isString()) {
            errors.add(new FieldProblem("kind", WRONG_TYPE + ", one of " + KINDS));
            return null;
        }
        ClientKind parsed = Arrays.stream(ClientKind.values()).filter(value -> value.name().equals(kind.asString()))
            .findFirst().orElse(null);
        if (parsed == null) {
            errors.add(new FieldProblem("kind", "must be one of " + KINDS));
        }
        return parsed;
    }

    /**
     * The value of a field of this API given once and not {@code null}; {@code null} for one left out, sent as
     * {@code null}, or given more than once (named for that alone).
     */
    private JsonNode given(String field) {
        JsonNode value = body.values().get(field);
        return value == null || value.isNull() || body.repeated().contains(field) ? null : value;
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
