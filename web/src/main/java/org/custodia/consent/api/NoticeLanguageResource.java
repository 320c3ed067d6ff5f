package org.custodia.consent.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.consent.application.ConsentNotices;
import org.custodia.platform.api.RequiresPermission;

/** The languages a notice may be written in (data: migration V11's notice_language). */
@Path("/notice-languages")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeLanguageResource {

    public record Language(String code, String englishName, String nativeName, String script) {
    }

    @Inject
    ConsentNotices notices;

    @GET
    @RequiresPermission("notice:view")
    public List<Language> languages() {
        return notices.languageCatalogue().stream().map(r -> new Language((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }
}
