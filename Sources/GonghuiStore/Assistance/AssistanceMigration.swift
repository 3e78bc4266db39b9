import Foundation

extension Migrations {
    /// v7: hardship archives (困难职工档案, 一户一档) and the province's 低保 lines.
    ///
    /// - `hardship_households` holds the blind index of every ID number in an open archive, the
    ///   worker's and the family's: its primary key is the rule "one open archive per household",
    ///   enforced by the database even when two unions build at once. Closing an archive frees
    ///   its rows; the archive itself is never deleted.
    /// - `due_on` is the current stage's deadline, kept with the stage so worklists and "due for
    ///   re-verification" are one index range.
    static let hardship = Migration(version: 7, name: "hardship_archives", up: [
        """
        CREATE TABLE subsistence_lines (
            id {{pk}},
            region_code TEXT NOT NULL,
            effective_from TEXT NOT NULL,
            monthly_fen BIGINT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            UNIQUE (region_code, effective_from)
        )
        """,
        """
        CREATE TABLE hardship_archives (
            id {{pk}},
            archive_no TEXT NOT NULL UNIQUE,
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            member_id BIGINT REFERENCES members(id),
            name TEXT NOT NULL,
            id_enc TEXT NOT NULL,
            id_hash TEXT NOT NULL,
            id_masked TEXT NOT NULL,
            phone_enc TEXT,
            phone_masked TEXT,
            region_code TEXT NOT NULL,
            annual_income_fen BIGINT NOT NULL,
            rigid_expenses_fen BIGINT NOT NULL,
            household_size BIGINT NOT NULL,
            sudden_costs_fen BIGINT NOT NULL,
            own_monthly_income_fen BIGINT NOT NULL,
            main_cause BIGINT NOT NULL,
            secondary_causes TEXT NOT NULL,
            health TEXT NOT NULL,
            major_illness TEXT,
            disability_grade TEXT,
            housing TEXT NOT NULL,
            marital_status TEXT NOT NULL,
            single_parent BOOLEAN NOT NULL,
            household_registration TEXT NOT NULL,
            medical_insurance TEXT NOT NULL,
            can_self_help BOOLEAN NOT NULL,
            zero_employment BOOLEAN NOT NULL,
            is_migrant BOOLEAN NOT NULL,
            lives_in_city BOOLEAN NOT NULL,
            labor_relation_since TEXT,
            bank_name TEXT NOT NULL,
            bank_account_enc TEXT NOT NULL,
            bank_account_masked TEXT NOT NULL,
            note TEXT NOT NULL,
            computed_category TEXT,
            category TEXT,
            override_reason TEXT,
            per_capita_fen BIGINT NOT NULL,
            line_region TEXT NOT NULL,
            line_from TEXT NOT NULL,
            line_monthly_fen BIGINT NOT NULL,
            stage TEXT NOT NULL,
            applied_on TEXT NOT NULL,
            notice_started_on TEXT,
            notice_days BIGINT NOT NULL,
            filed_on TEXT,
            verified_on TEXT,
            closed_on TEXT,
            return_reason TEXT,
            due_on TEXT,
            closing_reason TEXT,
            closing_note TEXT,
            built_by TEXT NOT NULL,
            version BIGINT NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX hardship_archives_org ON hardship_archives(org_id, stage)",
        "CREATE INDEX hardship_archives_stage_due ON hardship_archives(stage, due_on)",
        "CREATE INDEX hardship_archives_id_hash ON hardship_archives(id_hash)",
        "CREATE INDEX hardship_archives_member ON hardship_archives(member_id)",
        """
        CREATE TABLE hardship_family (
            id {{pk}},
            archive_id BIGINT NOT NULL REFERENCES hardship_archives(id),
            seq BIGINT NOT NULL,
            name TEXT NOT NULL,
            relation TEXT NOT NULL,
            id_enc TEXT,
            id_hash TEXT,
            id_masked TEXT,
            health TEXT NOT NULL,
            monthly_income_fen BIGINT NOT NULL,
            school_or_work TEXT NOT NULL
        )
        """,
        "CREATE INDEX hardship_family_archive ON hardship_family(archive_id, seq)",
        """
        CREATE TABLE hardship_households (
            id_hash TEXT PRIMARY KEY,
            archive_id BIGINT NOT NULL REFERENCES hardship_archives(id)
        )
        """,
        "CREATE INDEX hardship_households_archive ON hardship_households(archive_id)",
        """
        CREATE TABLE hardship_events (
            id {{pk}},
            archive_id BIGINT NOT NULL REFERENCES hardship_archives(id),
            kind TEXT NOT NULL,
            on_date TEXT NOT NULL,
            stage TEXT NOT NULL,
            detail TEXT NOT NULL,
            actor TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX hardship_events_archive ON hardship_events(archive_id, id)",
        """
        CREATE TABLE hardship_attachments (
            id {{pk}},
            archive_id BIGINT NOT NULL REFERENCES hardship_archives(id),
            kind TEXT NOT NULL,
            filename TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            data {{blob}} NOT NULL,
            uploaded_by TEXT NOT NULL,
            uploaded_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX hardship_attachments_archive ON hardship_attachments(archive_id, id)",
    ], down: [
        "DROP TABLE hardship_attachments", "DROP TABLE hardship_events", "DROP TABLE hardship_households",
        "DROP TABLE hardship_family", "DROP TABLE hardship_archives", "DROP TABLE subsistence_lines",
    ])
}

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
}
