package org.custodia.notification.application;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import io.pebbletemplates.pebble.error.PebbleException;

import org.custodia.notification.domain.MailLanguages;
import org.custodia.notification.domain.MailModel;
import org.custodia.notification.domain.MailPart;
import org.custodia.notification.domain.MailTenant;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.MailVariables;
import org.custodia.notification.domain.RenderedMail;
import org.custodia.notification.infrastructure.MailTemplateFiles;
import org.custodia.notification.infrastructure.MailTemplateFiles.Source;
import org.custodia.notification.infrastructure.PebbleMailRenderer;
import org.custodia.platform.config.Setting;
import org.jboss.logging.Logger;

/**
 * Writes a mail of a {@link MailType} from its model: in the first language of the chain (reader's, tenant's,
 * English) that has all three parts, each part from the tenant's override when it has one, else shipped.
 * An override that fails (a variable its model does not have, a syntax error, an include) is logged and the
 * shipped templates are used instead: an operator's broken file must not stop a request or leak a blank; the
 * shipped templates are rendered by the tests in every language, so their errors are the build's.
 * Renders only; queue the result with {@link MailOutbox#enqueue(java.util.UUID, String, RenderedMail)}.
 */
@ApplicationScoped
public class MailTemplates {

    private static final Logger LOG = Logger.getLogger(MailTemplates.class);
    /** The languages every mail type is shipped in (MailTemplatesTest renders each). */
    public static final List<String> SHIPPED_LANGUAGES = List.of("en", "de");

    private MailTemplateFiles files;
    private PebbleMailRenderer renderer;

    public MailTemplates() {
        // the container's instance is set up in start(), from CUSTODIA_MAIL_TEMPLATES_DIR
    }

    /** Templates with {@code overrideRoot} as the tenants' override directory (null: shipped only). */
    public MailTemplates(Path overrideRoot) {
        this.files = new MailTemplateFiles(overrideRoot);
        this.renderer = new PebbleMailRenderer();
    }

    @PostConstruct
    void start() {
        Path root = Setting.MAIL_TEMPLATES_DIR.value().map(Path::of).orElse(null);
        if (root != null && !Files.isDirectory(root)) {
            LOG.warnf("%s is not a directory; tenants' mail use the shipped templates until it is", Setting.MAIL_TEMPLATES_DIR.environmentName());
        }
        this.files = new MailTemplateFiles(root);
        this.renderer = new PebbleMailRenderer();
    }

    /**
     * The mail of {@code type} for {@code model}, for a reader who asked for {@code language} (an ISO 639 code or
     * language tag; null when unknown). Dates are shown in the tenant's zone.
     *
     * @throws IllegalArgumentException when the model is not the type's
     */
    public RenderedMail render(MailTenant tenant, MailType type, MailModel model, String language) {
        type.require(model);
        List<String> chain = MailLanguages.chain(language, tenant.defaultLanguage());
        try {
            return firstAvailable(tenant, type, model, chain, true);
        } catch (OverrideFailed e) {
            // class and line only: Pebble's messages can quote the values (a verification link, a token)
            LOG.warnf("tenant %s: mail template %s failed (%s at line %s); the shipped template is used", tenant.tenantId(),
                    e.origin, e.getCause().getClass().getSimpleName(), e.failure.getLineNumber());
            return firstAvailable(tenant, type, model, chain, false);
        }
    }

    /** Whether every part of every mail type exists in {@code language} (an ISO 639 code), the tenant's own or shipped. */
    public boolean complete(MailTenant tenant, String language) {
        for (MailType type : MailType.values()) {
            for (MailPart part : MailPart.values()) {
                if (files.override(tenant, type, language, part).or(() -> files.shipped(type, language, part)).isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    private RenderedMail firstAvailable(MailTenant tenant, MailType type, MailModel model, List<String> chain, boolean overrides) {
        for (String language : chain) {
            Map<MailPart, Source> sources = new EnumMap<>(MailPart.class);
            for (MailPart part : MailPart.values()) {
                Optional<Source> source = overrides ? files.override(tenant, type, language, part) : Optional.empty();
                source.or(() -> files.shipped(type, language, part)).ifPresent(s -> sources.put(part, s));
            }
            if (sources.size() == MailPart.values().length) {
                Map<String, Object> variables = MailVariables.of(model, tenant.zone(), language);
                Map<String, Object> subjectVariables = MailVariables.forSubject(model, tenant.zone(), language);
                return new RenderedMail(oneLine(render(sources.get(MailPart.SUBJECT), MailPart.SUBJECT, subjectVariables, language)),
                        render(sources.get(MailPart.TEXT), MailPart.TEXT, variables, language),
                        render(sources.get(MailPart.HTML), MailPart.HTML, variables, language), language);
            }
        }
        throw new IllegalStateException("no " + type + " templates in " + chain); // English is shipped for every type
    }

    private String render(Source source, MailPart part, Map<String, Object> variables, String language) {
        try {
            String rendered = renderer.render(source.text(), part, variables, language, source.override());
            if (rendered.isBlank()) {
                throw new PebbleException(null, "the template rendered nothing");
            }
            return rendered;
        } catch (PebbleException e) {
            if (source.override()) {
                throw new OverrideFailed(source.origin(), e);
            }
            throw new IllegalStateException("shipped mail template " + source.origin() + " failed", e);
        } catch (RuntimeException e) {
            // whatever Pebble lets through unwrapped from an override is still the override's failure, not the mail's
            if (source.override()) {
                throw new OverrideFailed(source.origin(), new PebbleException(e, e.getClass().getSimpleName()));
            }
            throw e;
        }
    }

    /** A subject is one line: line breaks and other control characters become spaces. */
    static String oneLine(String subject) {
        return subject.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }

    private static final class OverrideFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String origin;
        final PebbleException failure;

        OverrideFailed(String origin, PebbleException cause) {
            super(cause);
            this.origin = origin;
            this.failure = cause;
        }
    }
}
