import Foundation

extension Migrations {
    /// v8: assistance programs (帮扶项目), their cycles and budgets down the tree, grants, and
    /// payment batches.
    ///
    /// - `cycle_budgets` holds, per cycle and union, what it was given, what it passed on to
    ///   its children and what its approvals reserved: `allocated - suballocated - reserved` is
    ///   what is left, and every change to it is one conditional UPDATE, so two officers
    ///   approving at once cannot both spend the last of it.
    /// - `grant_locks` is "one grant per person per cycle": its primary key is the rule.
    /// - A payment line's `reference` is unique: a bank result is applied once.
    static let programs = Migration(version: 8, name: "assistance_programs", up: [
        """
        CREATE TABLE assistance_programs (
            id {{pk}},
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            description TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE program_cycles (
            id {{pk}},
            program_id BIGINT NOT NULL REFERENCES assistance_programs(id),
            name TEXT NOT NULL,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            state TEXT NOT NULL,
            rules_json TEXT NOT NULL,
            owner_org_id BIGINT NOT NULL REFERENCES orgs(id),
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE cycle_budgets (
            id {{pk}},
            cycle_id BIGINT NOT NULL REFERENCES program_cycles(id),
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            allocated_fen BIGINT NOT NULL,
            suballocated_fen BIGINT NOT NULL DEFAULT 0,
            reserved_fen BIGINT NOT NULL DEFAULT 0,
            paid_fen BIGINT NOT NULL DEFAULT 0,
            UNIQUE (cycle_id, org_id)
        )
        """,
        """
        CREATE TABLE budget_allocations (
            id {{pk}},
            cycle_id BIGINT NOT NULL REFERENCES program_cycles(id),
            from_org_id BIGINT REFERENCES orgs(id),
            to_org_id BIGINT NOT NULL REFERENCES orgs(id),
            amount_fen BIGINT NOT NULL,
            actor TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE grants (
            id {{pk}},
            cycle_id BIGINT NOT NULL REFERENCES program_cycles(id),
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            member_id BIGINT REFERENCES members(id),
            archive_id BIGINT REFERENCES hardship_archives(id),
            name TEXT NOT NULL,
            id_hash TEXT NOT NULL,
            id_masked TEXT NOT NULL,
            category TEXT,
            facts_json TEXT NOT NULL,
            rule_name TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            explanation TEXT NOT NULL,
            state TEXT NOT NULL,
            channel TEXT NOT NULL,
            applied_on TEXT NOT NULL,
            budget_org_id BIGINT REFERENCES orgs(id),
            reason TEXT,
            bank_name TEXT NOT NULL,
            bank_account_enc TEXT NOT NULL,
            bank_account_masked TEXT NOT NULL,
            batch_id BIGINT,
            attempts BIGINT NOT NULL DEFAULT 0,
            paid_on TEXT,
            failure_reason TEXT,
            version BIGINT NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX grants_cycle_state ON grants(cycle_id, state)",
        "CREATE INDEX grants_org ON grants(org_id, cycle_id)",
        "CREATE INDEX grants_member ON grants(member_id)",
        """
        CREATE TABLE grant_locks (
            cycle_id BIGINT NOT NULL REFERENCES program_cycles(id),
            id_hash TEXT NOT NULL,
            grant_id BIGINT NOT NULL REFERENCES grants(id),
            PRIMARY KEY (cycle_id, id_hash)
        )
        """,
        """
        CREATE TABLE grant_events (
            id {{pk}},
            grant_id BIGINT NOT NULL REFERENCES grants(id),
            kind TEXT NOT NULL,
            detail TEXT NOT NULL,
            actor TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX grant_events_grant ON grant_events(grant_id, id)",
        """
        CREATE TABLE payment_batches (
            id {{pk}},
            batch_no TEXT NOT NULL UNIQUE,
            cycle_id BIGINT NOT NULL REFERENCES program_cycles(id),
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            state TEXT NOT NULL,
            line_count BIGINT NOT NULL,
            total_fen BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE payment_lines (
            id {{pk}},
            batch_id BIGINT NOT NULL REFERENCES payment_batches(id),
            grant_id BIGINT NOT NULL REFERENCES grants(id),
            reference TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            bank_name TEXT NOT NULL,
            account_enc TEXT NOT NULL,
            account_masked TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            result TEXT NOT NULL,
            failure_reason TEXT,
            result_at BIGINT
        )
        """,
        "CREATE INDEX payment_lines_batch ON payment_lines(batch_id, id)",
    ], down: [
        "DROP TABLE payment_lines", "DROP TABLE payment_batches", "DROP TABLE grant_events", "DROP TABLE grant_locks",
        "DROP TABLE grants", "DROP TABLE budget_allocations", "DROP TABLE cycle_budgets", "DROP TABLE program_cycles", "DROP TABLE assistance_programs",
    ])

    /// v12: a corrected account for a failed payment is a proposal until a second person
    /// approves it (更正收款账户，双人复核): the reviewer proposes, an administrator of the union
    /// whose budget pays approves. Until then the grant stays failed and pays nowhere.
    static let accountProposals = Migration(version: 12, name: "grant_account_proposals", up: [
        "ALTER TABLE grants ADD COLUMN proposed_bank_name TEXT",
        "ALTER TABLE grants ADD COLUMN proposed_account_enc TEXT",
        "ALTER TABLE grants ADD COLUMN proposed_account_masked TEXT",
        "ALTER TABLE grants ADD COLUMN proposed_by TEXT",
    ], down: [
        "ALTER TABLE grants DROP COLUMN proposed_by",
        "ALTER TABLE grants DROP COLUMN proposed_account_masked",
        "ALTER TABLE grants DROP COLUMN proposed_account_enc",
        "ALTER TABLE grants DROP COLUMN proposed_bank_name",
    ])

    /// v22: who recorded and who reviewed a grant (usernames), so that neither approves it
    /// (职责分离, `DutySeparation`).
    static let grantDuties = Migration(version: 22, name: "grant_duties", up: [
        "ALTER TABLE grants ADD COLUMN recorded_by TEXT",
        "ALTER TABLE grants ADD COLUMN reviewed_by TEXT",
    ], down: [
        "ALTER TABLE grants DROP COLUMN reviewed_by",
        "ALTER TABLE grants DROP COLUMN recorded_by",
    ])

    /// v25: payment batches approved by someone other than who made them, and bank results
    /// confirmed by someone other than who recorded them (职责分离, `DutySeparation`). Batches
    /// made before wait for approval like new ones.
    static let paymentDuties = Migration(version: 25, name: "payment_duties", up: [
        "ALTER TABLE payment_batches ADD COLUMN created_by_user TEXT",
        "ALTER TABLE payment_batches ADD COLUMN approved_by TEXT",
        "ALTER TABLE payment_batches ADD COLUMN approved_by_user TEXT",
        "ALTER TABLE payment_batches ADD COLUMN approved_at BIGINT",
        """
        CREATE TABLE bank_result_uploads (
            id {{pk}},
            batch_id BIGINT NOT NULL REFERENCES payment_batches(id),
            file_name TEXT,
            results_json TEXT NOT NULL,
            paid_count BIGINT NOT NULL,
            failed_count BIGINT NOT NULL,
            paid_fen BIGINT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_by_user TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            decided_by_user TEXT,
            decided_at BIGINT,
            note TEXT
        )
        """,
        "CREATE INDEX bank_result_uploads_batch ON bank_result_uploads(batch_id, state)",
    ], down: [
        "DROP TABLE bank_result_uploads",
        "ALTER TABLE payment_batches DROP COLUMN approved_at",
        "ALTER TABLE payment_batches DROP COLUMN approved_by_user",
        "ALTER TABLE payment_batches DROP COLUMN approved_by",
        "ALTER TABLE payment_batches DROP COLUMN created_by_user",
    ])
}
