import Foundation

extension Migrations {
    /// v29: legal aid (工会法律援助): each union's roster of lawyers, and the applications with the
    /// rules' assessment as it stood at the decision, the lawyer assigned, the outcome, the amount
    /// obtained and the fee the union paid, in fen. The applicant's ID number and phone are sealed
    /// (the ID with its blind index, so a worker's applications are found by it).
    static let legalAid = Migration(version: 29, name: "legal aid", up: [
        """
        CREATE TABLE legal_aid_lawyers (
            id {{pk}},
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            name TEXT NOT NULL,
            firm TEXT NOT NULL,
            licence_no TEXT NOT NULL,
            phone_enc TEXT,
            phone_masked TEXT,
            specialties TEXT NOT NULL,
            active BOOLEAN NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX legal_aid_lawyers_licence ON legal_aid_lawyers (org_id, licence_no)",
        """
        CREATE TABLE legal_aid_applications (
            id {{pk}},
            province_id BIGINT NOT NULL,
            application_no TEXT NOT NULL UNIQUE,
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            member_id BIGINT REFERENCES members(id),
            case_id BIGINT REFERENCES dispute_cases(id),
            name TEXT NOT NULL,
            id_enc TEXT NOT NULL,
            id_hash TEXT NOT NULL,
            id_masked TEXT NOT NULL,
            phone_enc TEXT,
            phone_masked TEXT,
            matter TEXT NOT NULL,
            request TEXT NOT NULL,
            applied_on TEXT NOT NULL,
            state TEXT NOT NULL,
            assessment TEXT NOT NULL,
            decided_by TEXT,
            decided_on TEXT,
            decision_note TEXT,
            lawyer_id BIGINT REFERENCES legal_aid_lawyers(id),
            assigned_on TEXT,
            outcome TEXT,
            obtained_fen BIGINT NOT NULL,
            fee_fen BIGINT NOT NULL,
            concluded_on TEXT,
            outcome_note TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            version BIGINT NOT NULL
        )
        """,
        "CREATE INDEX legal_aid_applications_org ON legal_aid_applications (org_id, state)",
        "CREATE INDEX legal_aid_applications_id_hash ON legal_aid_applications (id_hash)",
        "CREATE INDEX legal_aid_applications_case ON legal_aid_applications (case_id)",
    ], down: [
        "DROP TABLE legal_aid_applications",
        "DROP TABLE legal_aid_lawyers",
    ])
}
