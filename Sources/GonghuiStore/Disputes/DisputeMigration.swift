import Foundation

extension Migrations {
    /// v13: labor-dispute cases (劳动争议案件, DOMAIN.md §9) and the policy tables their clocks read.
    ///
    /// - Every person-level row carries its province (`province_id`), as the rest of the registry.
    /// - `due_on` is the deadline the case waits on now, kept with the state so a worklist is one
    ///   index range ordered by it; `limitation_ends_on` the earliest limitation of its types.
    /// - `employer_org_id` is the employer's own grassroots union when it is in the registry:
    ///   its officers see a confidential case's workers masked.
    /// - `policy_rules` holds a province's own numbers over the laws' defaults (effective-dated,
    ///   each with its source); `minimum_wages` the regions' monthly minimum wages.
    static let disputes = Migration(version: 13, name: "labor_disputes", up: [
        """
        CREATE TABLE policy_rules (
            id {{pk}},
            key TEXT NOT NULL,
            effective_from TEXT NOT NULL,
            value BIGINT NOT NULL,
            source TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            UNIQUE (key, effective_from)
        )
        """,
        """
        CREATE TABLE minimum_wages (
            id {{pk}},
            region_code TEXT NOT NULL,
            effective_from TEXT NOT NULL,
            monthly_fen BIGINT NOT NULL,
            source TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            UNIQUE (region_code, effective_from)
        )
        """,
        """
        CREATE TABLE dispute_cases (
            id {{pk}},
            province_id BIGINT NOT NULL,
            case_no TEXT NOT NULL UNIQUE,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL,
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            employer_name TEXT NOT NULL,
            employer_credit_code TEXT,
            employer_region TEXT,
            employer_industry TEXT,
            employer_org_id BIGINT REFERENCES orgs(id),
            types TEXT NOT NULL,
            facts TEXT NOT NULL,
            learned_on TEXT,
            employment_ended_on TEXT,
            confidential BOOLEAN NOT NULL,
            workers_involved BIGINT NOT NULL,
            collective BOOLEAN NOT NULL,
            amount_claimed_fen BIGINT NOT NULL,
            state TEXT NOT NULL,
            received_on TEXT NOT NULL,
            accepted_on TEXT,
            extended_days BIGINT NOT NULL,
            extension_reason TEXT,
            mediation_applied_on TEXT,
            oral_application BOOLEAN NOT NULL,
            closed_on TEXT,
            outcome TEXT,
            recovered_fen BIGINT NOT NULL,
            note TEXT,
            due_on TEXT,
            limitation_ends_on TEXT,
            created_by TEXT NOT NULL,
            version BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX dispute_cases_worklist ON dispute_cases (org_id, state, due_on)",
        "CREATE INDEX dispute_cases_employer_code ON dispute_cases (employer_credit_code, state)",
        "CREATE INDEX dispute_cases_employer_name ON dispute_cases (employer_name, state)",
        "CREATE INDEX dispute_cases_received ON dispute_cases (province_id, received_on)",
        """
        CREATE TABLE dispute_workers (
            id {{pk}},
            province_id BIGINT NOT NULL,
            case_id BIGINT NOT NULL REFERENCES dispute_cases(id),
            seq BIGINT NOT NULL,
            name TEXT NOT NULL,
            id_enc TEXT,
            id_hash TEXT,
            id_masked TEXT,
            phone_enc TEXT,
            phone_masked TEXT,
            is_representative BOOLEAN NOT NULL,
            member_id BIGINT REFERENCES members(id)
        )
        """,
        "CREATE INDEX dispute_workers_case ON dispute_workers (case_id, seq)",
        "CREATE INDEX dispute_workers_person ON dispute_workers (id_hash)",
        """
        CREATE TABLE dispute_claims (
            id {{pk}},
            case_id BIGINT NOT NULL REFERENCES dispute_cases(id),
            seq BIGINT NOT NULL,
            type TEXT NOT NULL,
            description TEXT NOT NULL,
            amount_fen BIGINT NOT NULL
        )
        """,
        "CREATE INDEX dispute_claims_case ON dispute_claims (case_id, seq)",
        """
        CREATE TABLE dispute_terms (
            id {{pk}},
            case_id BIGINT NOT NULL REFERENCES dispute_cases(id),
            seq BIGINT NOT NULL,
            description TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            due_on TEXT NOT NULL,
            performed_on TEXT,
            amount_performed_fen BIGINT NOT NULL
        )
        """,
        "CREATE INDEX dispute_terms_case ON dispute_terms (case_id, seq)",
        """
        CREATE TABLE dispute_events (
            id {{pk}},
            province_id BIGINT NOT NULL,
            case_id BIGINT NOT NULL REFERENCES dispute_cases(id),
            kind TEXT NOT NULL,
            on_date TEXT NOT NULL,
            state TEXT NOT NULL,
            detail TEXT NOT NULL,
            actor TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX dispute_events_case ON dispute_events (case_id, id)",
    ], down: [
        "DROP TABLE dispute_events", "DROP TABLE dispute_terms", "DROP TABLE dispute_claims", "DROP TABLE dispute_workers",
        "DROP TABLE dispute_cases", "DROP TABLE minimum_wages", "DROP TABLE policy_rules",
    ])
}

extension Migrations {
    /// v14: cases imported from the registers kept before the platform carry the digest of their
    /// row (`gonghui import disputes`), so a re-import knows an unchanged row from a corrected one;
    /// a case registered in the platform has none.
    static let disputeImports = Migration(version: 14, name: "dispute_imports", up: [
        "ALTER TABLE dispute_cases ADD COLUMN import_digest TEXT",
    ], down: [
        "ALTER TABLE dispute_cases DROP COLUMN import_digest",
    ])
}

extension Migrations {
    /// v15: the holiday calendar (法定节假日安排) a province edits over the shipped notices, and
    /// policy rules that count working days on it. A `holidays` row of kind `normal` takes back a
    /// shipped day.
    static let holidayCalendar = Migration(version: 15, name: "holiday_calendar", up: [
        "ALTER TABLE policy_rules ADD COLUMN working_days BOOLEAN NOT NULL DEFAULT FALSE",
        """
        CREATE TABLE holidays (
            id {{pk}},
            day TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at BIGINT NOT NULL
        )
        """,
    ], down: [
        "DROP TABLE holidays",
        "ALTER TABLE policy_rules DROP COLUMN working_days",
    ])
}

extension Migrations {
    /// v16: what the mediation documents print beyond the case — the mediator, the employer's
    /// legal representative, the agents, the payment method and the claims waived; the agreement's
    /// number (a sequence per committee and year, kept with the union that signed it even if the
    /// case later moves); when an oral application was recorded; and the mediation's sessions.
    static let mediationRecords = Migration(version: 16, name: "mediation_records", up: [
        "ALTER TABLE dispute_cases ADD COLUMN mediator TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN employer_representative TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN employer_agent TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN worker_agent TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN payment_method TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN claims_waived TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN mediation_recorded_at BIGINT",
        "ALTER TABLE dispute_cases ADD COLUMN agreement_org_id BIGINT",
        "ALTER TABLE dispute_cases ADD COLUMN agreement_year BIGINT",
        "ALTER TABLE dispute_cases ADD COLUMN agreement_seq BIGINT",
        "ALTER TABLE dispute_cases ADD COLUMN agreement_no TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN agreement_signed_on TEXT",
        "CREATE UNIQUE INDEX dispute_cases_agreement ON dispute_cases (agreement_org_id, agreement_year, agreement_seq)",
        """
        CREATE TABLE dispute_sessions (
            id {{pk}},
            province_id BIGINT NOT NULL,
            case_id BIGINT NOT NULL REFERENCES dispute_cases(id),
            held_on TEXT NOT NULL,
            place TEXT NOT NULL,
            attendees TEXT NOT NULL,
            notes TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX dispute_sessions_case ON dispute_sessions (case_id, id)",
    ], down: [
        "DROP TABLE dispute_sessions",
        "DROP INDEX dispute_cases_agreement",
    ] + ["agreement_signed_on", "agreement_no", "agreement_seq", "agreement_year", "agreement_org_id", "mediation_recorded_at", "claims_waived",
         "payment_method", "worker_agent", "employer_agent", "employer_representative", "mediator"].map { "ALTER TABLE dispute_cases DROP COLUMN \($0)" })

    /// v21: the mediator roster per union (调解员名册), and who added a paper from the portal. Mediators are people: their phone is sealed
    /// like every phone, and the row carries its province like every person-level row.
    static let mediators = Migration(version: 21, name: "dispute_mediators", up: [
        """
        CREATE TABLE dispute_mediators (
            id {{pk}},
            province_id BIGINT NOT NULL,
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            phone_enc TEXT,
            specialties TEXT NOT NULL,
            note TEXT NOT NULL,
            active BOOLEAN NOT NULL,
            version BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX dispute_mediators_name ON dispute_mediators (org_id, name)",
        // The worker who added a paper from the portal (nil: an officer).
        "ALTER TABLE dispute_papers ADD COLUMN member_id BIGINT",
    ], down: [
        "ALTER TABLE dispute_papers DROP COLUMN member_id",
        "DROP TABLE dispute_mediators",
    ])
}
