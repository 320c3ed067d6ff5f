package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reference implementation of Standard Webhooks (npm {@code standardwebhooks} 1.1.1) run by Debian's node, as an
 * outside judge of our signatures: installed from the npm registry into {@code target/} on first use, exactly as
 * {@code webhooks/package-lock.json} pins it (integrity hashes, no install scripts).
 */
final class StandardWebhooksReference {

    static final String PACKAGE = "standardwebhooks@1.1.1";

    /** One message as a receiver got it. */
    record Case(String name, String secret, Map<String, String> headers, String body) {
    }

    private StandardWebhooksReference() {
    }

    /** Each case's verdict: "ok", or the library's reason for refusing it. */
    static Map<String, String> verify(List<Case> cases) throws IOException, InterruptedException {
        Path dir = install();
        Process node = new ProcessBuilder("node", "verify.cjs").directory(dir.toFile()).redirectErrorStream(true).start();
        node.getOutputStream().write(Api.JSON.writeValueAsBytes(Map.of("cases", cases)));
        node.getOutputStream().close();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        JsonNode verdicts = Api.JSON.readTree(out);
        java.util.Map<String, String> result = new java.util.LinkedHashMap<>();
        verdicts.fieldNames().forEachRemaining(n -> result.put(n, verdicts.get(n).asText()));
        return result;
    }

    private static synchronized Path install() throws IOException, InterruptedException {
        Path dir = new File(ItEnvironment.projectRoot(), "ear/target/standardwebhooks").toPath();
        Files.createDirectories(dir);
        for (String file : List.of("verify.cjs", "package.json", "package-lock.json")) {
            try (InputStream in = StandardWebhooksReference.class.getResourceAsStream("/webhooks/" + file)) {
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(dir.resolve("node_modules/standardwebhooks"))) {
            // exactly the locked versions, checked against their integrity hashes, and no install scripts run
            Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(180, TimeUnit.SECONDS)).as("npm install " + PACKAGE).isTrue();
            assertThat(npm.exitValue()).as("npm install %s (the registry must be reachable; .ci/run installs node and npm): %s", PACKAGE, out)
                    .isZero();
        }
        return dir;
    }
}
