import Foundation

extension Migrations {
    /// v30: labor-law supervision (工会劳动法律监督, 一函两书): a supervision of one employer with
    /// the violation, its basis and the correction required, and its letters in turn, each numbered
    /// per union, kind and year (the unique index keeps two letters from one number), with the day
    /// to answer as it was counted on issue, and the employer's answer or the labor department's
    /// decision. No personal data: an employer is not a person.
    static let supervision = Migration(version: 30, name: "labor-law supervision", up: [
        """
        CREATE TABLE supervision_matters (
            id {{pk}},
            province_id BIGINT NOT NULL,
            matter_no TEXT NOT NULL UNIQUE,
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            employer_name TEXT NOT NULL,
            employer_credit_code TEXT,
            case_id BIGINT REFERENCES dispute_cases(id),
            violation TEXT NOT NULL,
            legal_basis TEXT NOT NULL,
            correction TEXT NOT NULL,
            labor_department TEXT,
            opened_on TEXT NOT NULL,
            state TEXT NOT NULL,
            closed_on TEXT,
            referred_on TEXT,
            decision TEXT,
            decision_note TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            version BIGINT NOT NULL
        )
        """,
        "CREATE INDEX supervision_matters_org ON supervision_matters (org_id, state)",
        "CREATE INDEX supervision_matters_employer ON supervision_matters (employer_credit_code)",
        """
        CREATE TABLE supervision_letters (
            id {{pk}},
            matter_id BIGINT NOT NULL REFERENCES supervision_matters(id),
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            kind TEXT NOT NULL,
            year BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            letter_no TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            due_on TEXT,
            recipient TEXT NOT NULL,
            violation TEXT NOT NULL,
            legal_basis TEXT NOT NULL,
            correction TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            answered_on TEXT,
            answer_result TEXT,
            answer TEXT,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX supervision_letters_number ON supervision_letters (org_id, kind, year, seq)",
        "CREATE INDEX supervision_letters_matter ON supervision_letters (matter_id, id)",
        "CREATE INDEX supervision_letters_issued ON supervision_letters (issued_on)",
    ], down: [
        "DROP TABLE supervision_letters",
        "DROP TABLE supervision_matters",
    ])
}
