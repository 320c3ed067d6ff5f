package org.custodia.reports.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * poppler's pdfsig, the stock tool the tests (unit and integration, through the reports test-jar) trust to
 * judge signatures. It must be installed (Debian: poppler-utils): a missing pdfsig fails the test, it
 * never skips it.
 */
public final class Pdfsig {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** pdfsig ran longer than it was given; the process has been destroyed. */
    public static final class TimedOut extends IllegalStateException {
        private final transient Process process;

        TimedOut(List<String> command, Duration timeout, Process process) {
            super(String.join(" ", command) + " did not finish within " + timeout + "; destroyed");
            this.process = process;
        }

        public Process process() {
            return process;
        }
    }

    private Pdfsig() {
    }

    /** pdfsig's report on a PDF (stdout and stderr), given {@link #DEFAULT_TIMEOUT}. */
    public static String report(byte[] pdf) throws IOException, InterruptedException {
        return report(pdf, DEFAULT_TIMEOUT);
    }

    public static String report(byte[] pdf, Duration timeout) throws IOException, InterruptedException {
        Path file = Files.createTempFile("custodia-", ".pdf");
        try {
            Files.write(file, pdf);
            return run(List.of("pdfsig", file.toString()), timeout);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Runs a command and returns what it wrote (stdout and stderr). The output is read on a thread of its
     * own, so the timeout fires even while the command still writes or holds its output open.
     */
    static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": the tests need it installed"
                    + " (pdfsig comes with Debian's poppler-utils)", e);
        }
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                output.complete(out.toByteArray());
            } catch (IOException | RuntimeException e) {
                output.completeExceptionally(e);
            }
        }, command.get(0) + " output");
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new TimedOut(command, timeout, process);
        }
        try {
            // the process has ended; its output ends with it (unless a child it left behind holds it open)
            return new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("reading the output of " + command.get(0), e.getCause()));
        } catch (TimeoutException e) {
            throw new IllegalStateException(command.get(0) + " ended but its output stayed open", e);
        }
    }
}
