package org.custodia.console.web;

import jakarta.servlet.annotation.WebServlet;

/**
 * A tenant's privacy center for data subjects, /privacy/{tenant slug}: one page whose script
 * (/assets/privacy/app.js) offers the request form in the visitor's language and posts it to the public intake
 * API. Like the console's page it holds no data, so it looks the same for every slug, known or not (the intake
 * answers alike for both).
 */
@WebServlet(urlPatterns = "/privacy/*")
public class PrivacyCenterPages extends ShellPage {

    public PrivacyCenterPages() {
        super("/WEB-INF/pages/privacy.html");
    }
}
