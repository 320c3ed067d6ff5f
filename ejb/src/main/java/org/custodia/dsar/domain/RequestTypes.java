package org.custodia.dsar.domain;

import static org.custodia.dsar.domain.DsarType.ACCESS;
import static org.custodia.dsar.domain.DsarType.APPEAL;
import static org.custodia.dsar.domain.DsarType.ERASURE;
import static org.custodia.dsar.domain.DsarType.LIMIT_SENSITIVE_DATA_USE;
import static org.custodia.dsar.domain.DsarType.NOMINATION;
import static org.custodia.dsar.domain.DsarType.OBJECTION;
import static org.custodia.dsar.domain.DsarType.OPT_OUT_OF_SALE_OR_SHARING;
import static org.custodia.dsar.domain.DsarType.PORTABILITY;
import static org.custodia.dsar.domain.DsarType.RECTIFICATION;
import static org.custodia.dsar.domain.DsarType.RESTRICTION;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which request types each jurisdiction's law gives the data subject, each with the provision that gives it
 * (table in docs/request-types.md, checked by RequestTypeTableTest). A type the law does not know is refused
 * at intake, naming the law. Not legal advice; where a reading is uncertain the source says so.
 */
public final class RequestTypes {

    /** One right in one law: the type and where the law gives it. */
    public record Right(DsarType type, String source) {
    }

    private static final Map<Jurisdiction, String> LAW = new EnumMap<>(Jurisdiction.class);
    private static final Map<Jurisdiction, Map<DsarType, String>> RIGHTS = new EnumMap<>(Jurisdiction.class);

    static {
        law(Jurisdiction.EU_GDPR, "the EU GDPR (Regulation (EU) 2016/679, Arts. 15-22)",
                ACCESS, "Art. 15", RECTIFICATION, "Art. 16", ERASURE, "Art. 17", RESTRICTION, "Art. 18",
                PORTABILITY, "Art. 20", OBJECTION, "Art. 21");
        law(Jurisdiction.UK_GDPR, "the UK GDPR (Arts. 15-22) and the Data Protection Act 2018",
                ACCESS, "Art. 15", RECTIFICATION, "Art. 16", ERASURE, "Art. 17", RESTRICTION, "Art. 18",
                PORTABILITY, "Art. 20", OBJECTION, "Art. 21");
        // No statutory appeal in the CCPA (unlike Virginia and Colorado); portability is the access copy's format.
        law(Jurisdiction.US_CA_CCPA, "the CCPA/CPRA (Cal. Civ. Code §1798.100 ff.)",
                ACCESS, "§1798.100, §1798.110, §1798.115", ERASURE, "§1798.105", RECTIFICATION, "§1798.106",
                PORTABILITY, "§1798.100(d), §1798.130(a)(3)(B)(iii)", OPT_OUT_OF_SALE_OR_SHARING, "§1798.120",
                LIMIT_SENSITIVE_DATA_USE, "§1798.121");
        // Sensitive data needs consent in Virginia and Colorado (opt-in), so there is no "limit" request.
        law(Jurisdiction.US_VA_VCDPA, "the Virginia VCDPA (Va. Code §59.1-577)",
                ACCESS, "§59.1-577(A)(1)", RECTIFICATION, "§59.1-577(A)(2)", ERASURE, "§59.1-577(A)(3)",
                PORTABILITY, "§59.1-577(A)(4)", OPT_OUT_OF_SALE_OR_SHARING, "§59.1-577(A)(5) (targeted advertising, sale, profiling)",
                APPEAL, "§59.1-577(C)");
        law(Jurisdiction.US_CO_CPA, "the Colorado CPA (C.R.S. §6-1-1306)",
                OPT_OUT_OF_SALE_OR_SHARING, "§6-1-1306(1)(a) (targeted advertising, sale, profiling)", ACCESS, "§6-1-1306(1)(b)",
                RECTIFICATION, "§6-1-1306(1)(c)", ERASURE, "§6-1-1306(1)(d)", PORTABILITY, "§6-1-1306(1)(e)",
                APPEAL, "§6-1-1306(3)");
        law(Jurisdiction.BR_LGPD, "the LGPD (Lei 13.709/2018, Art. 18)",
                ACCESS, "Art. 18, I and II", RECTIFICATION, "Art. 18, III", ERASURE, "Art. 18, IV and VI",
                RESTRICTION, "Art. 18, IV (blocking)", PORTABILITY, "Art. 18, V", OBJECTION, "Art. 18, §2 (opposition)");
        law(Jurisdiction.IN_DPDPA, "the DPDP Act 2023 (ss. 11-14)",
                ACCESS, "s. 11", RECTIFICATION, "s. 12 (correction, completion, updating)", ERASURE, "s. 12(3)",
                NOMINATION, "s. 14");
        // Deletion exists only as an amendment of inaccurate data (Principle 4.9.5), so ERASURE is not a PIPEDA type (?).
        law(Jurisdiction.CA_PIPEDA, "PIPEDA (s. 8; Schedule 1, Principle 4.9)",
                ACCESS, "s. 8; Principle 4.9", RECTIFICATION, "Principle 4.9.5 (amendment)");
    }

    private RequestTypes() {
    }

    /** The law as a reason names it, e.g. "the Virginia VCDPA (Va. Code §59.1-577)". */
    public static String law(Jurisdiction jurisdiction) {
        return LAW.get(jurisdiction);
    }

    /** Where the jurisdiction's law gives this type of request; empty when it gives none. */
    public static Optional<String> source(Jurisdiction jurisdiction, DsarType type) {
        return Optional.ofNullable(RIGHTS.get(jurisdiction).get(type));
    }

    public static boolean allowed(Jurisdiction jurisdiction, DsarType type) {
        return RIGHTS.get(jurisdiction).containsKey(type);
    }

    /** The jurisdiction's types in {@link DsarType} order. */
    public static List<Right> rights(Jurisdiction jurisdiction) {
        Map<DsarType, String> rights = RIGHTS.get(jurisdiction);
        return Arrays.stream(DsarType.values()).filter(rights::containsKey)
                .map(t -> new Right(t, rights.get(t))).toList();
    }

    /** Why a type is refused: the law and the types it does know. */
    public static String refusal(Jurisdiction jurisdiction, DsarType type) {
        return type.name() + " is not a request " + law(jurisdiction) + " gives; " + jurisdiction.name() + " allows "
                + rights(jurisdiction).stream().map(r -> r.type().name()).toList();
    }

    private static void law(Jurisdiction jurisdiction, String law, Object... typeAndSource) {
        LAW.put(jurisdiction, law);
        Map<DsarType, String> rights = new LinkedHashMap<>();
        for (int i = 0; i < typeAndSource.length; i += 2) {
            rights.put((DsarType) typeAndSource[i], (String) typeAndSource[i + 1]);
        }
        RIGHTS.put(jurisdiction, rights);
    }
}
