package org.custodia.dsar.api;

import org.custodia.dsar.application.DsarDownloadLinks;
import org.custodia.dsar.domain.DownloadLink;

/**
 * The download link's pages, like the confirmation link's ({@link ConfirmationPage}): a browser opening the mailed
 * link sees who answers and until when the link works, and a button that posts the token and downloads the archive.
 */
final class DownloadPage {

    private DownloadPage() {
    }

    static String of(DsarDownloadLinks.Preview p, String token) {
        if (p.state() != DownloadLink.State.VALID) {
            return refused(p.state());
        }
        return ConfirmationPage.page("Your answer from " + ConfirmationPage.escape(p.organisation()),
                "<p><strong>" + ConfirmationPage.escape(p.organisation()) + "</strong> has answered your request. The download"
                + " (a zip file: your data as response.json, a signed summary as summary.pdf) works once, until " + p.expiresAt()
                + ".</p><form method=\"post\" action=\"download\"><input type=\"hidden\" name=\"token\" value=\""
                + ConfirmationPage.escape(token) + "\"><button type=\"submit\">Download my answer</button></form>");
    }

    static String refused(DownloadLink.State state) {
        return state == DownloadLink.State.USED
                ? ConfirmationPage.page("Already downloaded", "<p>This link has been used already; ask the organisation for a new one.</p>")
                : unknown();
    }

    /** The server is opening as many packages as it may at once; the link is still valid. */
    static String busy() {
        return ConfirmationPage.page("Please try again in a moment", "<p>Many answers are being downloaded right now. Your"
                + " link has not been used: go back and press the button again in a few seconds.</p>");
    }

    /** Expired and unknown links read alike. */
    static String unknown() {
        return ConfirmationPage.page("Link expired or unknown", "<p>This download link has expired or is not known; ask the"
                + " organisation for a new one.</p>");
    }
}
