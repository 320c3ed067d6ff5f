package org.custodia.dsar.domain;

import java.util.Optional;
import java.util.Set;

/**
 * The law a subject's request falls under when they name none, from the controller's stated country (and, in the
 * United States, its state): the EU and EEA states → EU GDPR, GB → UK GDPR, BR → LGPD,
 * IN → DPDPA, CA → PIPEDA, US-CA/VA/CO → their state laws. Any other country (or none) infers nothing: the subject
 * must name the jurisdiction.
 */
public final class JurisdictionOfCountry {

    /** EU member states plus Iceland, Liechtenstein and Norway (the GDPR applies through the EEA Agreement). */
    static final Set<String> EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
            "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

    private JurisdictionOfCountry() {
    }

    public static Optional<Jurisdiction> infer(String country, String subdivision) {
        if (country == null) {
            return Optional.empty();
        }
        if (EEA.contains(country)) {
            return Optional.of(Jurisdiction.EU_GDPR);
        }
        return Optional.ofNullable(switch (country) {
            case "GB" -> Jurisdiction.UK_GDPR;
            case "BR" -> Jurisdiction.BR_LGPD;
            case "IN" -> Jurisdiction.IN_DPDPA;
            case "CA" -> Jurisdiction.CA_PIPEDA;
            case "US" -> subdivision == null ? null : switch (subdivision) {
                case "CA" -> Jurisdiction.US_CA_CCPA;
                case "VA" -> Jurisdiction.US_VA_VCDPA;
                case "CO" -> Jurisdiction.US_CO_CPA;
                default -> null;
            };
            default -> null;
        });
    }
}
