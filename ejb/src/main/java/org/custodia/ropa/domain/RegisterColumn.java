package org.custodia.ropa.domain;

/**
 * The columns of the register as a sheet (CSV or XLSX), in order. List columns hold one item per line; an item with
 * parts separates them with {@code |} (a literal {@code |}, backslash or line break inside a part is written
 * {@code \|}, {@code \\}, {@code \n}). The last four are written on export; of them an import reads only {@code version}.
 */
public enum RegisterColumn {
    REFERENCE("reference", "PA-001"),
    NAME("name", "Payroll"),
    ROLE("role", "CONTROLLER or PROCESSOR"),
    DESCRIPTION("description", "free text"),
    OWNER("owner", "the owner's email, a user of the organisation"),
    REVIEW_DUE("review_due", "YYYY-MM-DD"),
    CONTROLLER("controller", "name | contact"),
    JOINT_CONTROLLERS("joint_controllers", "one per line: name | contact"),
    REPRESENTATIVE("representative", "name | contact"),
    REPRESENTATIVE_REQUIRED("representative_required", "yes or no (Art. 27)"),
    DPO("dpo", "name | contact"),
    DPO_DESIGNATED("dpo_designated", "yes or no (Art. 37)"),
    PURPOSES("purposes", "one per line: description | CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK or LEGITIMATE_INTERESTS"),
    DATA_SUBJECT_CATEGORIES("data_subject_categories", "one per line"),
    DATA_CATEGORIES("data_categories", "one per line: name | special yes or no | retention | retention policy key"),
    RECIPIENTS("recipients", "one per line"),
    NO_RECIPIENTS("no_recipients", "yes when there are none"),
    TRANSFERS("transfers", "one per line: country | recipient | ADEQUACY, SCC, BCR or DEROGATION | SCC module | TIA reference | safeguards"),
    SECURITY_MEASURES("security_measures", "free text"),
    PROCESSOR("processor", "name | contact (processor records)"),
    CONTROLLERS_SERVED("controllers_served", "one per line: name | contact (processor records)"),
    PROCESSING_CATEGORIES("processing_categories", "one per line (processor records)"),
    SYSTEMS("systems", "one per line: system names"),
    FLOWS("flows", "one per line: from | to | description | data category | data category ..."),
    STATUS("status", "export only"),
    VERSION("version", "written by the export; on import, a row older than its entry is refused"),
    APPROVED_VERSION("approved_version", "export only"),
    MISSING("missing", "export only: how many points Art. 30 still asks for");

    private final String header;
    private final String format;

    RegisterColumn(String header, String format) {
        this.header = header;
        this.format = format;
    }

    public String header() {
        return header;
    }

    /** How a value is written, for the sheet's notes and for error messages. */
    public String format() {
        return format;
    }

    public boolean exportOnly() {
        return ordinal() >= STATUS.ordinal();
    }
}
