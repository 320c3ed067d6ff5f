package org.custodia.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** README's "Mail templates" table names every type's directory and exactly its model's variables. */
class MailTemplatesReadmeTest {

    @Test
    void theReadmeListsEveryTypeWithItsVariables() throws IOException {
        String readme = Files.readString(Path.of("..").toAbsolutePath().normalize().resolve("README.md"));
        for (MailType type : MailType.values()) {
            String variables = MailVariables.names(type.model()).stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
            assertThat(readme).as("README row of " + type).containsPattern(
                    "\\| `" + type.directory() + "` \\| [^|]+ \\| " + java.util.regex.Pattern.quote(variables) + " \\|");
        }
    }
}
