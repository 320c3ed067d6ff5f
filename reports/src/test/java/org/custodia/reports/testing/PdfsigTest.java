package org.custodia.reports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class PdfsigTest {

    @Test
    void aCommandThatRunsPastItsTimeoutIsDestroyedAndFails() {
        assertThatThrownBy(() -> Pdfsig.run(List.of("sleep", "30"), Duration.ofMillis(300)))
                .isInstanceOfSatisfying(Pdfsig.TimedOut.class, e -> {
                    assertThat(e.process().isAlive()).isFalse();
                    assertThat(e).hasMessageContaining("sleep 30 did not finish within PT0.3S");
                });
    }

    @Test
    void theTimeoutFiresWhileTheCommandKeepsWriting() {
        assertThatThrownBy(() -> Pdfsig.run(List.of("yes"), Duration.ofMillis(300)))
                .isInstanceOfSatisfying(Pdfsig.TimedOut.class, e -> assertThat(e.process().isAlive()).isFalse());
    }

    @Test
    void aMissingToolFailsLoudlyInsteadOfSkipping() {
        assertThatThrownBy(() -> Pdfsig.run(List.of("custodia-no-such-tool"), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot run custodia-no-such-tool: the tests need it installed");
    }

    @Test
    void aCommandWithinItsTimeoutReturnsAllItWrote() throws Exception {
        assertThat(Pdfsig.run(List.of("sh", "-c", "echo out; echo err >&2"), Duration.ofSeconds(30)))
                .isEqualTo("out\nerr\n");
    }

    @Test
    void pdfsigIsInstalledAndReadsAnUnsignedPdf() throws Exception {
        assertThat(Pdfsig.report(minimalPdf())).contains("does not contain any signatures");
    }

    private static byte[] minimalPdf() throws Exception {
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }
}
