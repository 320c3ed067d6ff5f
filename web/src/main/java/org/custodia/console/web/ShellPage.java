package org.custodia.console.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A page of the web front end: one static HTML file (under WEB-INF, so only this servlet serves it) for many addresses. */
abstract class ShellPage extends HttpServlet {

    private final String shell;

    ShellPage(String shell) {
        this.shell = shell;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream page = getServletContext().getResourceAsStream(shell)) {
            if (page == null) {
                response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                return;
            }
            response.setContentType("text/html;charset=UTF-8");
            page.transferTo(response.getOutputStream());
        }
    }
}
