package org.custodia.notification.domain;

/**
 * A mail ready for the outbox: one-line subject, plain-text and HTML bodies (sent as multipart/alternative),
 * and the language they were written in.
 */
public record RenderedMail(String subject, String text, String html, String language) {

    public RenderedMail {
        if (subject == null || subject.isBlank() || text == null || text.isBlank() || html == null || html.isBlank()) {
            throw new IllegalArgumentException("a mail needs a subject, a text body and an HTML body");
        }
    }
}
