package org.custodia.consent.application;

import java.util.List;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.consent.domain.NoticeLanguage;
import org.custodia.consent.infrastructure.NoticeRepository;

/**
 * The languages a notice may be written in: reference data (migration V11), the same for every tenant, so
 * not {@code @TenantScoped}: reading it needs no tenant bound.
 */
@Stateless
public class NoticeLanguages {

    @Inject
    NoticeRepository notices;

    public List<NoticeLanguage> catalogue() {
        return notices.languages();
    }

    public Set<String> codes() {
        return notices.languageCodes();
    }
}
