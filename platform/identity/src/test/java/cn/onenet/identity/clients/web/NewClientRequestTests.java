package cn.onenet.identity.clients.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.contracts.Channel;
import cn.onenet.identity.clients.MachineIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewClientRequestTests {

    @Test
    void readsAChannelSystemAndADepartmentSystem() {
        assertThat(NewClientRequest.read("{\"kind\": \"CHANNEL_SYSTEM\", \"channel\": \"COURT\"}").identity())
            .isEqualTo(MachineIdentity.channel(Channel.COURT));
        assertThat(NewClientRequest.read("{\"department\": \"street-office-2\", \"kind\": \"DEPARTMENT_SYSTEM\", "
                + "\"channel\": null}").identity()).isEqualTo(MachineIdentity.department("street-office-2"));
    }

    @Test
    void namesEveryFieldGivenMoreThanOnceOnceEach() {
        assertThat(errors("{\"kind\": \"CHANNEL_SYSTEM\", \"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"x\", "
                + "\"extra\": 1, \"extra\": 2, \"department\": \"y\", \"kind\": \"CHANNEL_SYSTEM\"}"))
            .containsExactly(new FieldProblem("department", "is given more than once; send each field once"),
                    new FieldProblem("extra", "is given more than once; send each field once"),
                    new FieldProblem("kind", "is given more than once; send each field once"));
    }

    @Test
    void checksTheOtherFieldsBesideAKindGivenTwice() {
        assertThat(errors("{\"kind\": \"CHANNEL_SYSTEM\", \"kind\": \"CHANNEL_SYSTEM\", \"channel\": \"MARS\"}"))
            .extracting(FieldProblem::field).containsExactly("kind", "channel");
    }

    @Test
    void namesEveryValueOfTheWrongTypeWithoutCoercingIt() {
        assertThat(errors("{\"kind\": 5, \"department\": [\"x\"], \"channel\": false}")).containsExactly(
                new FieldProblem("kind", "has the wrong type; expected a string, one of CHANNEL_SYSTEM, "
                        + "DEPARTMENT_SYSTEM"),
                new FieldProblem("channel", "has the wrong type; expected a string, one of "
                        + String.join(", ", List.of(Channel.values()).stream().map(Enum::name).toList())),
                new FieldProblem("department", "has the wrong type; expected a string"));
        assertThat(errors("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": 123}")).extracting(FieldProblem::field)
            .containsExactly("department");
        assertThat(errors("{\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": {\"a\": \"b\", \"a\": \"c\"}}"))
            .extracting(FieldProblem::field).containsExactly("department");
    }

    @Test
    void refusesABodyThatIsNoJsonObjectAsAWhole() {
        for (String body : new String[] { null, "", " ", "[]", "5", "null", "{\"kind\": ", "{} {}", "{}]" }) {
            assertThatThrownBy(() -> NewClientRequest.read(body)).as(String.valueOf(body))
                .isInstanceOf(UnreadableBody.class);
        }
    }

    private static List<FieldProblem> errors(String body) {
        NewClientRequest request = NewClientRequest.read(body);
        try {
            request.identity();
        }
        catch (InvalidClientRequest ex) {
            return ex.errors();
        }
        throw new AssertionError("accepted: " + body);
    }
}
