package org.custodia.consent.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.consent.infrastructure.ConsentManageTokenRepository;
import org.custodia.kernel.EmailAddress;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.TenantService;

/**
 * The privacy center's consent pages for someone without credentials: the organisation is found by its slug or by
 * the link's token (SECURITY DEFINER) before any tenant is bound, hence not {@code @TenantScoped};
 * {@link ConsentManageLinks} does the rest bound to that tenant. Asking for a link answers alike, and as fast, for
 * unknown organisations and addresses, so the form tells nobody who has consents where.
 */
@Stateless
public class ConsentManageDesk {

    static final int MAX_LANGUAGE = 35;

    @Inject
    TenantService tenants;

    @Inject
    ConsentManageTokenRepository tokens;

    @Inject
    ConsentManageLinks links;

    @Resource
    SessionContext context;

    /** Checks the form (422 naming the field), then mails a link if there is anything to show. */
    public void askForLink(String tenantSlug, String email, String language, String requestId) {
        List<FieldError> errors = new ArrayList<>();
        if (email == null || !EmailAddress.valid(email)) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        if (language != null && (language.isBlank() || language.length() > MAX_LANGUAGE || !language.matches("[A-Za-z0-9-]+"))) {
            errors.add(new FieldError("language", "must be a language tag such as hi or pt-BR"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        self().mailLater(tenantSlug, email, language, requestId);
    }

    /**
     * Finds the organisation and the address and mails, on another thread: the caller's answer returns before any
     * of it, so its timing tells nothing of whether either is known.
     */
    @Asynchronous
    public void mailLater(String tenantSlug, String email, String language, String requestId) {
        UUID tenantId = tenantSlug == null || tenantSlug.length() > 100 ? null : tenants.idOfSlug(tenantSlug);
        if (tenantId != null) {
            links.mail(tenantId, email, language, requestId);
        }
    }

    public Optional<ConsentManageLinks.ConsentsView> view(String token, String language, boolean gpc, String requestId) {
        Optional<Resolved> link = resolve(token);
        return link.isEmpty() ? Optional.empty() : links.view(link.get().tenantId(), link.get().hash(), language, gpc, requestId);
    }

    public Optional<ConsentManageLinks.PurposeView> withdraw(String token, String purpose, String language, String requestId) {
        if (purpose == null || !ConsentService.PURPOSE_KEY.matcher(purpose).matches()) {
            throw ProblemException.invalid("purpose", "must be a purpose key");
        }
        Optional<Resolved> link = resolve(token);
        return link.isEmpty() ? Optional.empty() : links.withdraw(link.get().tenantId(), link.get().hash(), purpose, language, requestId);
    }

    private record Resolved(UUID tenantId, String hash) {
    }

    private Optional<Resolved> resolve(String token) {
        if (!OpaqueToken.wellFormed(token, ConsentManageLinks.TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String hash = OpaqueToken.hashOf(token);
        return tokens.tenantOf(hash).map(tenantId -> new Resolved(tenantId, hash));
    }

    private ConsentManageDesk self() {
        return context.getBusinessObject(ConsentManageDesk.class);
    }
}
