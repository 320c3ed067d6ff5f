package org.custodia.ropa.domain;

import java.util.List;

/**
 * One entry of the record of processing activities (GDPR Art. 30), as the register holds it: a controller's record
 * (Art. 30(1)(a)-(g)) or a processor's (Art. 30(2)(a)-(d)). Lists are never null (empty: nothing given yet).
 * {@link Art30Completeness} says what a record still lacks.
 */
public record ProcessingRecord(Role role, String name, Party controller, List<Party> jointControllers, Party representative,
                               Boolean representativeRequired, Party dpo, Boolean dpoDesignated, List<Purpose> purposes,
                               List<String> dataSubjectCategories, List<DataCategory> dataCategories, List<String> recipients,
                               Boolean noRecipients, List<Transfer> transfers, String securityMeasures, Party processor,
                               List<Party> controllersServed, List<String> processingCategories) {

    public ProcessingRecord {
        // left out of a body: not so
        representativeRequired = Boolean.TRUE.equals(representativeRequired);
        dpoDesignated = Boolean.TRUE.equals(dpoDesignated);
        noRecipients = Boolean.TRUE.equals(noRecipients);
        jointControllers = listOf(jointControllers);
        purposes = listOf(purposes);
        dataSubjectCategories = listOf(dataSubjectCategories);
        dataCategories = listOf(dataCategories);
        recipients = listOf(recipients);
        transfers = listOf(transfers);
        controllersServed = listOf(controllersServed);
        processingCategories = listOf(processingCategories);
    }

    /** Absent lists (a JSON body leaving one out) read as empty; nulls inside are kept for the rules to name. */
    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    public enum Role { CONTROLLER, PROCESSOR }

    /** Art. 6(1) (and for special categories Art. 9(2)) lawful bases. */
    public enum LawfulBasis { CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK, LEGITIMATE_INTERESTS }

    /** How a transfer to a third country is made lawful (GDPR Chapter V). */
    public enum TransferMechanism {
        /** Art. 45 adequacy decision */
        ADEQUACY,
        /** Art. 46(2)(c) standard contractual clauses (2021/914, one of modules 1-4) */
        SCC,
        /** Art. 47 binding corporate rules */
        BCR,
        /** Art. 49(1) a derogation (second subparagraph: compelling legitimate interests, with safeguards documented) */
        DEROGATION
    }

    public record Party(String name, String contact) {
    }

    public record Purpose(String description, LawfulBasis lawfulBasis) {
    }

    /**
     * A category of personal data, whether it is special (Art. 9/10), and how long it is kept (Art. 30(1)(f)): in words,
     * by the key of one of the tenant's retention policies, or both (the words then say what the policy leaves open).
     */
    public record DataCategory(String name, Boolean special, String retention, String retentionPolicy) {
        public DataCategory {
            special = Boolean.TRUE.equals(special);
            retentionPolicy = retentionPolicy == null || retentionPolicy.isBlank() ? null : retentionPolicy.strip();
        }

        public DataCategory(String name, Boolean special, String retention) {
            this(name, special, retention, null);
        }
    }

    /**
     * @param sccModule 1-4 for SCC transfers, else null
     * @param assessmentReference the transfer impact assessment (for SCC and BCR transfers)
     * @param safeguards the suitable safeguards of an Art. 49(1) second-subparagraph transfer
     */
    public record Transfer(String country, String recipient, TransferMechanism mechanism, Integer sccModule, String assessmentReference,
                           String safeguards) {
    }
}
