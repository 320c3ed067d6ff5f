package org.custodia.dsar.application;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.domain.DsarType;
import org.custodia.dsar.domain.Jurisdiction;
import org.custodia.dsar.domain.RequestTypes;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.TenantService;

/**
 * The public intake's front desk: checks the form, then finds the organisation by the slug in the address before
 * any tenant is bound (hence not {@code @TenantScoped}). So that the intake does not tell which organisations use
 * Custodia, the answer to an unknown slug looks like the answer to a known one whose calendar names a country: the
 * same checks, then 202 with a fresh reference; nothing is written and no mail is sent. (The one difference: a known
 * organisation that states no country answers 422 when the form names no jurisdiction. Timing is not equalised;
 * the per-address limit bounds probing.)
 */
@Stateless
public class PublicDsarIntake {

    static final String JURISDICTION_NEEDED = "is required: name the law your request is made under (the organisation"
            + " states no country to infer it from)";

    /** The form as the subject sent it. */
    public record Form(String type, String jurisdiction, String email, String name, String details, String language) {
    }

    @Inject
    TenantService tenants;

    @Inject
    DsarPublicIntake intake;

    /** The request's reference (its id); 422 on a bad form, before anything is looked up. */
    public UUID submit(String tenantSlug, Form form, String requestId) {
        List<FieldError> errors = new ArrayList<>();
        DsarType type = parse(DsarType.class, "type", form.type(), true, errors);
        Jurisdiction jurisdiction = parse(Jurisdiction.class, "jurisdiction", form.jurisdiction(), false, errors);
        if (type != null && jurisdiction != null && !RequestTypes.allowed(jurisdiction, type)) {
            errors.add(new FieldError("type", RequestTypes.refusal(jurisdiction, type)));
        }
        errors.addAll(SubjectContact.problems(form.email(), form.name(), form.details(), form.language(), null, true));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        UUID tenantId = tenantSlug == null || tenantSlug.length() > 100 ? null : tenants.idOfSlug(tenantSlug);
        if (tenantId == null) {
            return UUID.randomUUID(); // looks like a reference; refers to nothing
        }
        SubjectContact contact = new SubjectContact(form.email().strip(), form.name(), form.details(), form.language(), null);
        return intake.submit(tenantId, type, jurisdiction, contact, requestId).id();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, boolean required, List<FieldError> errors) {
        if (value == null && !required) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        errors.add(new FieldError(field, (required ? "is required: " : "") + "one of " + List.of(type.getEnumConstants())));
        return null;
    }
}
