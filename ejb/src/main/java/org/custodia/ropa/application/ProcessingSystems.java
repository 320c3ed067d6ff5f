package org.custodia.ropa.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.ropa.domain.ProcessingSystem;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository;
import org.custodia.ropa.infrastructure.ProcessingSystemRepository;

/** The systems the register's activities name: added, described, and removed once no activity lists them. Audited. */
@Stateless
@TenantScoped
public class ProcessingSystems {

    @Inject
    ProcessingSystemRepository systems;

    @Inject
    ProcessingActivityRepository activities;

    @Inject
    AuditTrail audit;

    public ProcessingSystem add(Actor actor, String name, String description, String hostingCountry) {
        String n = name == null ? null : name.strip();
        check(n, description, hostingCountry);
        activities.lockTenant(actor.tenantId()); // an import adding systems goes first, or after
        ProcessingSystem s = new ProcessingSystem(UUID.randomUUID(), n, description, hostingCountry, StoredTime.now(), StoredTime.now());
        if (!systems.add(actor.tenantId(), s)) {
            throw ProblemException.conflict("name", "The tenant already has a system named '" + n + "'");
        }
        audit.append(actor, "ropa.system.added", "processing_system", s.id().toString(), Map.of("name", n));
        return s;
    }

    public ProcessingSystem describe(Actor actor, UUID id, String description, String hostingCountry) {
        ProcessingSystem old = get(actor.tenantId(), id);
        check(old.name(), description, hostingCountry);
        ProcessingSystem s = new ProcessingSystem(id, old.name(), description, hostingCountry, old.createdAt(), StoredTime.now());
        systems.update(s);
        audit.append(actor, "ropa.system.updated", "processing_system", id.toString(), Map.of("name", s.name()));
        return s;
    }

    public void remove(Actor actor, UUID id) {
        activities.lockTenant(actor.tenantId()); // an entry being changed to list it goes first, or after
        ProcessingSystem s = get(actor.tenantId(), id);
        List<String> using = activities.referencesUsingSystem(s.name());
        if (!using.isEmpty()) {
            throw ProblemException.conflict("id", "'" + s.name() + "' is listed by " + String.join(", ", using) + "; remove it there first");
        }
        systems.delete(id);
        audit.append(actor, "ropa.system.removed", "processing_system", id.toString(), Map.of("name", s.name()));
    }

    public List<ProcessingSystem> list(@TenantId UUID tenantId) {
        return systems.all();
    }

    public ProcessingSystem get(@TenantId UUID tenantId, UUID id) {
        return systems.find(id).orElseThrow(() -> ProblemException.notFound("System " + id));
    }

    private static void check(String name, String description, String hostingCountry) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        if (description != null && description.length() > 4000) {
            errors.add(new FieldError("description", "must be at most 4000 characters"));
        }
        if (hostingCountry != null && !hostingCountry.matches("[A-Z]{2}")) {
            errors.add(new FieldError("hostingCountry", "must be an ISO 3166-1 alpha-2 code such as DE or US"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
