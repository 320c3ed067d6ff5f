package org.custodia.dpia.application;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.dpia.domain.DpiaTemplate;
import org.custodia.dpia.infrastructure.DpiaRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;

/**
 * The tenant's DPIA questionnaires: each write of a key is its next version (older assessments keep theirs); the shipped
 * {@link DpiaTemplate#DEFAULT} is version 1 of {@code art35} until the tenant writes its own.
 */
@Stateless
@TenantScoped
public class DpiaTemplates {

    @Inject
    DpiaRepository repository;

    @Inject
    AuditTrail audit;

    public DpiaTemplate add(Actor actor, DpiaTemplate template) {
        var errors = template.problems();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        repository.lockTemplates(actor.tenantId());
        boolean shippedFirst = template.key().equals(DpiaTemplate.DEFAULT.key())
                && repository.templates().stream().noneMatch(t -> t.key().equals(template.key()));
        if (shippedFirst) { // the shipped one keeps its number: the tenant's own starts at 2
            repository.addTemplate(actor.tenantId(), DpiaTemplate.DEFAULT, "shipped", StoredTime.now());
        }
        int version = repository.addTemplate(actor.tenantId(), template, actor.principal(), StoredTime.now());
        audit.append(actor, "dpia.template.added", "dpia_template", template.key(), Map.of("version", version,
                "questions", template.questions().size()));
        return new DpiaTemplate(template.key(), version, template.title(), template.questions());
    }

    /** Every version of every template, the shipped one included while the tenant has no {@code art35} of its own. */
    public List<DpiaTemplate> all(@TenantId UUID tenantId) {
        List<DpiaTemplate> all = new ArrayList<>(repository.templates());
        if (all.stream().noneMatch(t -> t.key().equals(DpiaTemplate.DEFAULT.key()))) {
            all.add(0, DpiaTemplate.DEFAULT);
        }
        return all;
    }

    /** A version of a template (null: the latest), or empty. */
    public Optional<DpiaTemplate> find(@TenantId UUID tenantId, String key, Integer version) {
        return all(tenantId).stream().filter(t -> t.key().equals(key) && (version == null || t.version() == version))
                .max(Comparator.comparingInt(DpiaTemplate::version));
    }
}
