package org.custodia.console.web;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every console address (/console/inbox, /console/dsars/{id}, the links in mail) answers with the console's one
 * page; its script (/assets/console/app.js) shows the view the path names, from the REST API with the caller's
 * session and permissions. The page itself holds no data, so it needs no sign-in: the API refuses what the
 * caller may not see.
 */
@WebServlet(urlPatterns = "/console/*")
public class ConsolePages extends ShellPage {

    public ConsolePages() {
        super("/WEB-INF/pages/console.html");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getRequestURI().equals(request.getContextPath() + "/console")) { // → "/console/": one address per view
            response.sendRedirect(request.getContextPath() + "/console/");
            return;
        }
        super.doGet(request, response);
    }
}
