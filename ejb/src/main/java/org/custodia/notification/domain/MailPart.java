package org.custodia.notification.domain;

/** The three files of a mail template: subject and body as plain text, body as HTML (autoescaped). */
public enum MailPart {

    SUBJECT("subject.peb", false),
    HTML("body.html.peb", true),
    TEXT("body.txt.peb", false);

    private final String fileName;
    private final boolean html;

    MailPart(String fileName, boolean html) {
        this.fileName = fileName;
        this.html = html;
    }

    public String fileName() {
        return fileName;
    }

    /** Whether values printed into this part are HTML-escaped. */
    public boolean html() {
        return html;
    }
}
