package org.custodia.consent.domain;

/** A language a notice may be written in (reference data, the same for every tenant). */
public record NoticeLanguage(String code, String englishName, String nativeName, String script) {
}
