package org.custodia.consent.domain;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.custodia.platform.problem.FieldError;

/**
 * What a purpose is beyond its key and name.
 *
 * @param names             display names per BCP 47 language tag (e.g. "en", "hi", "ta")
 * @param legalBasis        GDPR Art. 6(1) basis
 * @param dataCategories    categories of personal data it uses
 * @param retention         ISO-8601 period the data is kept for (e.g. P2Y), or null when not fixed
 * @param honoursGpc        whether a Global Privacy Control signal opts the subject out (sale, sharing, ads)
 * @param reconsentOnNoticeChange whether a new notice version needs the subject's consent again
 * @param thirdPartyDisclosure    whether the purpose discloses personal data to third parties (stated in receipts)
 */
public record PurposeDetails(Map<String, String> names, LegalBasis legalBasis, List<String> dataCategories,
                             String retention, boolean honoursGpc, boolean reconsentOnNoticeChange,
                             boolean thirdPartyDisclosure) {

    public enum LegalBasis { CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK, LEGITIMATE_INTERESTS }

    public static final PurposeDetails DEFAULTS = new PurposeDetails(Map.of(), LegalBasis.CONSENT, List.of(), null, false, true, false);

    /** Builds details from request values, collecting every field error; nulls take the defaults. */
    public static PurposeDetails of(Map<String, String> names, String legalBasis, List<String> dataCategories,
                                    String retention, Boolean honoursGpc, Boolean reconsentOnNoticeChange,
                                    Boolean thirdPartyDisclosure, List<FieldError> errors) {
        Map<String, String> checkedNames = new LinkedHashMap<>();
        if (names != null) {
            if (names.size() > 50) {
                errors.add(new FieldError("names", "at most 50 languages"));
            }
            names.forEach((tag, text) -> {
                if (!isLanguageTag(tag)) {
                    errors.add(new FieldError("names." + tag, "is not a BCP 47 language tag"));
                } else if (text == null || text.isBlank() || text.length() > 200) {
                    errors.add(new FieldError("names." + tag, "must be 1 to 200 characters"));
                } else {
                    checkedNames.put(tag, text.strip());
                }
            });
        }
        LegalBasis basis = LegalBasis.CONSENT;
        if (legalBasis != null) {
            try {
                basis = LegalBasis.valueOf(legalBasis);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("legalBasis", "must be one of " + List.of(LegalBasis.values())));
            }
        }
        List<String> categories = new ArrayList<>();
        if (dataCategories != null) {
            if (dataCategories.size() > 50) {
                errors.add(new FieldError("dataCategories", "at most 50 categories"));
            }
            for (int i = 0; i < dataCategories.size(); i++) {
                String c = dataCategories.get(i);
                if (c == null || c.isBlank() || c.length() > 100) {
                    errors.add(new FieldError("dataCategories[" + i + "]", "must be 1 to 100 characters"));
                } else {
                    categories.add(c.strip());
                }
            }
        }
        if (retention != null) {
            try {
                Period p = Period.parse(retention);
                if (p.isNegative() || p.isZero()) {
                    errors.add(new FieldError("retention", "must be a positive period"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("retention", "must be an ISO-8601 period such as P2Y or P6M"));
            }
        }
        return new PurposeDetails(checkedNames, basis, categories, retention,
                honoursGpc != null && honoursGpc, reconsentOnNoticeChange == null || reconsentOnNoticeChange,
                thirdPartyDisclosure != null && thirdPartyDisclosure);
    }

    private static boolean isLanguageTag(String tag) {
        if (tag == null || !tag.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            return false;
        }
        try {
            return !new Locale.Builder().setLanguageTag(tag).build().getLanguage().isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }
}
