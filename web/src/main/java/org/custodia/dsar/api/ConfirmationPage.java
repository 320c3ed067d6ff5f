package org.custodia.dsar.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.dsar.application.DsarIdentityLinks;
import org.custodia.dsar.domain.EmailConfirmation;

/**
 * The confirmation link's pages: plain HTML without script or styles (the API's Content-Security-Policy allows
 * neither), a form whose button posts the token. The organisation's name is the only value printed; it is escaped.
 */
final class ConfirmationPage {

    private ConfirmationPage() {
    }

    static Response response(int status, String html) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    static String of(DsarIdentityLinks.Preview p, String token) {
        if (p.state() != EmailConfirmation.State.VALID) {
            return outcome(p.state());
        }
        return page("Confirm your request", "<p>Confirm that you made a request to <strong>" + escape(p.organisation())
                + "</strong> and that this email address is yours. The link works once, until " + p.expiresAt() + ".</p>"
                + "<form method=\"post\" action=\"confirm\"><input type=\"hidden\" name=\"token\" value=\"" + escape(token)
                + "\"><button type=\"submit\">Confirm my request</button></form>");
    }

    static String outcome(EmailConfirmation.State state) {
        return switch (state) {
            case VALID -> page("Request confirmed", "<p>Thank you: your request goes ahead. An acknowledgement with its"
                    + " reference and due date follows by mail.</p>");
            case USED -> page("Already confirmed", "<p>This link has been used already.</p>");
            case EXPIRED -> page("Link expired", "<p>This link has expired. Please make your request again.</p>");
            case NOT_WAITING -> page("Nothing to confirm", "<p>This request is not waiting for a confirmation.</p>");
        };
    }

    static String unknown() {
        return page("Unknown link", "<p>This confirmation link is not valid.</p>");
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title></head><body><main><h1>" + title + "</h1>" + body + "</main></body></html>";
    }

    /** HTML text and attribute escaping of the five significant characters. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
