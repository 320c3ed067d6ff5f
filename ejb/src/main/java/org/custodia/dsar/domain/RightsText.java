package org.custodia.dsar.domain;

/**
 * The subject's rights as the answer states them, per law: what else they may ask for, and where they may turn if
 * they disagree with the answer (a supervisory authority, a court). Plain statements with their sources; the
 * organisation's own contact is in the answer's header.
 */
public final class RightsText {

    private RightsText() {
    }

    public static String of(Jurisdiction jurisdiction) {
        return switch (jurisdiction) {
            case EU_GDPR -> "Under the GDPR you may ask for your data to be rectified (Art. 16) or erased (Art. 17), for its processing"
                    + " to be restricted (Art. 18), object to it (Art. 21) and receive it in a portable form (Art. 20). If you think"
                    + " this answer or the processing of your data infringes the GDPR, you may lodge a complaint with a supervisory"
                    + " authority, in particular in the Member State where you live, work or where the infringement took place"
                    + " (Art. 77), and seek a judicial remedy before a court (Art. 78 and 79).";
            case UK_GDPR -> "Under the UK GDPR you may ask for your data to be rectified or erased, for its processing to be"
                    + " restricted, object to it and receive it in a portable form (Articles 16 to 21). If you are unhappy with"
                    + " this answer you may complain to the Information Commissioner's Office (ico.org.uk; Art. 77) and seek a"
                    + " judicial remedy through the courts (Art. 79).";
            case US_CA_CCPA -> "Under the CCPA you may ask to know, delete and correct your personal information, opt out of its"
                    + " sale or sharing and limit the use of sensitive personal information, without being discriminated against"
                    + " (Civ. Code §1798.100 to §1798.125). You may complain to the California Privacy Protection Agency or the"
                    + " Attorney General.";
            case US_VA_VCDPA, US_CO_CPA -> "You may access, correct, delete and obtain a portable copy of your personal data and opt"
                    + " out of targeted advertising, sale and profiling. If we declined to act you may appeal this decision by"
                    + " replying to us; if the appeal is denied you may contact your state's Attorney General.";
            case BR_LGPD -> "Under the LGPD (Art. 18) you may have your data confirmed, accessed, corrected, anonymised, blocked,"
                    + " deleted and ported, and withdraw consent. You may petition the National Data Protection Authority (ANPD)"
                    + " and seek a remedy before the courts (Art. 18 §1 and Art. 22).";
            case IN_DPDPA -> "Under the Digital Personal Data Protection Act 2023 you may obtain information about your data, have it"
                    + " corrected, completed, updated or erased (s. 11 to 13) and nominate a person to exercise these rights"
                    + " (s. 14). If your grievance is not resolved you may complain to the Data Protection Board of India (s. 13(3)).";
            case CA_PIPEDA -> "Under PIPEDA you may access your personal information and challenge its accuracy and completeness"
                    + " (Principle 4.9). If you are not satisfied you may file a complaint with the Office of the Privacy"
                    + " Commissioner of Canada (s. 11) and then apply to the Federal Court (s. 14).";
        };
    }
}
