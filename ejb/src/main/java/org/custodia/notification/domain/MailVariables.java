package org.custodia.notification.domain;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's template variables: one per record component, named like it. Values are text only (instants
 * formatted in the tenant's zone and the mail's language, links as text), so a template reaches no object
 * and no method beyond a string's.
 */
public final class MailVariables {

    private MailVariables() {
    }

    public static Map<String, Object> of(MailModel model, ZoneId zone, String language) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (RecordComponent component : model.getClass().getRecordComponents()) {
            variables.put(component.getName(), text(component, value(model, component), zone, language));
        }
        return variables;
    }

    /**
     * The variables a subject line may print: labels and dates, never a link, token or free text. The subject is
     * the one part of a queued mail not sealed at rest (the outbox shows it), so an override's subject printing a
     * download link or a refusal reason fails (strict variables) and the shipped subject is sent instead.
     */
    public static final Set<String> SUBJECT_LABELS = Set.of("tenantName", "reference", "requestType", "jurisdiction", "role");

    public static Map<String, Object> forSubject(MailModel model, ZoneId zone, String language) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (RecordComponent component : model.getClass().getRecordComponents()) {
            if (SUBJECT_LABELS.contains(component.getName()) || component.getType() == Instant.class) {
                variables.put(component.getName(), text(component, value(model, component), zone, language));
            }
        }
        return variables;
    }

    /** The variable names a model type offers (its record components, in order). */
    public static List<String> names(Class<? extends MailModel> model) {
        return java.util.Arrays.stream(model.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static Object value(MailModel model, RecordComponent component) {
        try {
            return component.getAccessor().invoke(model);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + model.getClass().getSimpleName(), e);
        }
    }

    private static String text(RecordComponent component, Object value, ZoneId zone, String language) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Instant instant) {
            return MailDates.format(instant, zone, language);
        }
        if (value instanceof URI uri) {
            return uri.toString();
        }
        throw new IllegalStateException(component.getName() + ": a mail model holds text, instants and links only");
    }
}
