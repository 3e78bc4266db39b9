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
