package org.custodia.consent.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.consent.application.NoticeLanguages;
import org.custodia.platform.api.RequiresPermission;

/** The languages a notice may be written in (data: migration V11's notice_language). */
@Path("/notice-languages")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeLanguageResource {

    public record Language(String code, String englishName, String nativeName, String script) {
    }

    @Inject
    NoticeLanguages languages;

    @GET
    @RequiresPermission("notice:view")
    public List<Language> languages() {
        return languages.catalogue().stream().map(l -> new Language(l.code(), l.englishName(), l.nativeName(), l.script())).toList();
    }
}
