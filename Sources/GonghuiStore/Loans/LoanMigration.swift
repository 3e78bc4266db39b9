import Foundation

extension Migrations {
    /// v33: small guaranteed business loans (小额担保贷款): each county's quota and what it holds,
    /// the loans with their project, assessment, decision, lending and repayments, their guarantors
    /// (ID numbers sealed) and the repayment schedule as lent.
    static let loans = Migration(version: 33, name: "small guaranteed loans", up: [
        """
        CREATE TABLE loan_quotas (
            id {{pk}},
            province_id BIGINT NOT NULL,
            org_id BIGINT NOT NULL UNIQUE REFERENCES orgs(id),
            quota_fen BIGINT NOT NULL,
            used_fen BIGINT NOT NULL DEFAULT 0,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE loans (
            id {{pk}},
            province_id BIGINT NOT NULL,
            loan_no TEXT NOT NULL UNIQUE,
            member_id BIGINT NOT NULL REFERENCES members(id),
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            county_org_id BIGINT NOT NULL REFERENCES orgs(id),
            name TEXT NOT NULL,
            state TEXT NOT NULL,
            basis TEXT NOT NULL,
            graduate BOOLEAN NOT NULL,
            woman BOOLEAN NOT NULL,
            partnership_no TEXT,
            project_kind TEXT NOT NULL,
            project_name TEXT NOT NULL,
            operating_since TEXT NOT NULL,
            jobs_created BIGINT NOT NULL DEFAULT 0,
            amount_fen BIGINT NOT NULL,
            applied_on TEXT NOT NULL,
            bad_credit BOOLEAN,
            credit_checked_on TEXT,
            feasibility_json TEXT,
            feasible BOOLEAN,
            assessed_by TEXT,
            assessed_by_name TEXT,
            approved_fen BIGINT,
            approved_by TEXT,
            approved_on TEXT,
            reason TEXT,
            officer_name TEXT,
            lent_fen BIGINT,
            lent_on TEXT,
            rate_bp BIGINT,
            term_months BIGINT,
            method TEXT,
            subsidy_bp BIGINT,
            bank_name TEXT,
            repaid_principal_fen BIGINT NOT NULL DEFAULT 0,
            repaid_interest_fen BIGINT NOT NULL DEFAULT 0,
            closed_on TEXT,
            recorded_by TEXT,
            version BIGINT NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX loans_member ON loans (member_id, state)",
        "CREATE INDEX loans_county ON loans (county_org_id, state)",
        "CREATE INDEX loans_partnership ON loans (partnership_no)",
        """
        CREATE TABLE loan_guarantors (
            id {{pk}},
            loan_id BIGINT NOT NULL REFERENCES loans(id),
            name TEXT NOT NULL,
            id_hash TEXT NOT NULL,
            id_enc TEXT NOT NULL,
            id_masked TEXT NOT NULL,
            employer TEXT NOT NULL,
            relation TEXT NOT NULL,
            amount_fen BIGINT NOT NULL
        )
        """,
        "CREATE INDEX loan_guarantors_loan ON loan_guarantors (loan_id)",
        """
        CREATE TABLE loan_instalments (
            loan_id BIGINT NOT NULL REFERENCES loans(id),
            seq BIGINT NOT NULL,
            due_on TEXT NOT NULL,
            principal_fen BIGINT NOT NULL,
            interest_fen BIGINT NOT NULL,
            subsidy_fen BIGINT NOT NULL,
            PRIMARY KEY (loan_id, seq)
        )
        """,
        """
        CREATE TABLE loan_repayments (
            id {{pk}},
            loan_id BIGINT NOT NULL REFERENCES loans(id),
            paid_on TEXT NOT NULL,
            principal_fen BIGINT NOT NULL,
            interest_fen BIGINT NOT NULL,
            reference TEXT NOT NULL UNIQUE,
            recorded_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX loan_repayments_loan ON loan_repayments (loan_id, paid_on)",
    ], down: [
        "DROP TABLE loan_repayments",
        "DROP TABLE loan_instalments",
        "DROP TABLE loan_guarantors",
        "DROP TABLE loans",
        "DROP TABLE loan_quotas",
    ])
}

extension Migrations {
    /// v34: following a loan up: the officer's visits to the project, a repayment's source (the
    /// borrower, or a guarantor recovering for the fund), a written-off loan's amount, day and
    /// reason, and what was recovered since.
    static let loanFollowUp = Migration(version: 34, name: "loan follow-up", up: [
        """
        CREATE TABLE loan_visits (
            id {{pk}},
            loan_id BIGINT NOT NULL REFERENCES loans(id),
            visited_on TEXT NOT NULL,
            officer_name TEXT NOT NULL,
            note TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX loan_visits_loan ON loan_visits (loan_id, visited_on)",
        "ALTER TABLE loan_repayments ADD COLUMN source TEXT NOT NULL DEFAULT 'borrower'",
        "ALTER TABLE loan_repayments ADD COLUMN payer TEXT",
        "ALTER TABLE loans ADD COLUMN written_off_fen BIGINT",
        "ALTER TABLE loans ADD COLUMN written_off_on TEXT",
        "ALTER TABLE loans ADD COLUMN write_off_reason TEXT",
        "ALTER TABLE loans ADD COLUMN recovered_fen BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX loans_lent ON loans (lent_on)",
    ], down: [
        "DROP INDEX loans_lent",
        "ALTER TABLE loans DROP COLUMN recovered_fen",
        "ALTER TABLE loans DROP COLUMN write_off_reason",
        "ALTER TABLE loans DROP COLUMN written_off_on",
        "ALTER TABLE loans DROP COLUMN written_off_fen",
        "ALTER TABLE loan_repayments DROP COLUMN payer",
        "ALTER TABLE loan_repayments DROP COLUMN source",
        "DROP TABLE loan_visits",
    ])
}
