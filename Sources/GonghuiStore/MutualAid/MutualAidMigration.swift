import Foundation

extension Migrations {
    /// v31: medical mutual aid (职工医疗互助), its plans and rounds, the members each unit enrolled
    /// in a round and the contributions it paid. A round's terms are kept as they were set (JSON),
    /// so a claim is always judged by its own round's. One enrollment per member and round; an
    /// enrollment is paid when its unit's payment for the round covers it.
    static let mutualAid = Migration(version: 31, name: "medical mutual aid", up: [
        """
        CREATE TABLE mutual_aid_plans (
            id {{pk}},
            province_id BIGINT NOT NULL,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            owner_org_id BIGINT NOT NULL REFERENCES orgs(id),
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE mutual_aid_rounds (
            id {{pk}},
            plan_id BIGINT NOT NULL REFERENCES mutual_aid_plans(id),
            name TEXT NOT NULL,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            enrollment_opens TEXT NOT NULL,
            enrollment_closes TEXT NOT NULL,
            terms TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX mutual_aid_rounds_name ON mutual_aid_rounds (plan_id, name)",
        """
        CREATE TABLE mutual_aid_payments (
            id {{pk}},
            province_id BIGINT NOT NULL,
            round_id BIGINT NOT NULL REFERENCES mutual_aid_rounds(id),
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            members BIGINT NOT NULL,
            amount_fen BIGINT NOT NULL,
            received_on TEXT NOT NULL,
            receipt_no TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX mutual_aid_payments_unit ON mutual_aid_payments (round_id, org_id)",
        """
        CREATE TABLE mutual_aid_enrollments (
            id {{pk}},
            province_id BIGINT NOT NULL,
            round_id BIGINT NOT NULL REFERENCES mutual_aid_rounds(id),
            member_id BIGINT NOT NULL REFERENCES members(id),
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            enrolled_on TEXT NOT NULL,
            renewal BOOLEAN NOT NULL,
            contribution_fen BIGINT NOT NULL,
            payment_id BIGINT REFERENCES mutual_aid_payments(id),
            paid_on TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX mutual_aid_enrollments_member ON mutual_aid_enrollments (round_id, member_id)",
        "CREATE INDEX mutual_aid_enrollments_unit ON mutual_aid_enrollments (round_id, org_id, payment_id)",
        "CREATE INDEX mutual_aid_enrollments_by_member ON mutual_aid_enrollments (member_id)",
    ], down: [
        "DROP TABLE mutual_aid_enrollments",
        "DROP TABLE mutual_aid_payments",
        "DROP TABLE mutual_aid_rounds",
        "DROP TABLE mutual_aid_plans",
    ])

    /// v32: claims (理赔申请) with their papers, and payment batches that pay claims as well as
    /// grants: a batch belongs to a programme's cycle or to a mutual-aid round, a line pays a
    /// grant or a claim. SQLite cannot loosen a NOT NULL in place, so there the two payment tables
    /// are rebuilt (foreign keys deferred to the commit); PostgreSQL alters them.
    static let mutualAidClaims = Migration(version: 32, name: "mutual aid claims", up: [
        """
        CREATE TABLE mutual_aid_claims (
            id {{pk}},
            province_id BIGINT NOT NULL,
            claim_no TEXT NOT NULL UNIQUE,
            round_id BIGINT NOT NULL REFERENCES mutual_aid_rounds(id),
            member_id BIGINT NOT NULL REFERENCES members(id),
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            name TEXT NOT NULL,
            id_masked TEXT NOT NULL,
            benefit_code TEXT NOT NULL,
            event_kind TEXT NOT NULL,
            event_on TEXT NOT NULL,
            discharged_on TEXT,
            diagnosis TEXT,
            disability_grade BIGINT,
            total_cost_fen BIGINT NOT NULL,
            insurance_paid_fen BIGINT NOT NULL,
            filed_on TEXT NOT NULL,
            channel TEXT NOT NULL,
            state TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            lines_json TEXT NOT NULL,
            reason TEXT,
            bank_name TEXT NOT NULL,
            bank_account_enc TEXT NOT NULL,
            bank_account_masked TEXT NOT NULL,
            batch_id BIGINT,
            attempts BIGINT NOT NULL DEFAULT 0,
            paid_on TEXT,
            failure_reason TEXT,
            recorded_by TEXT,
            recorded_by_name TEXT,
            reviewed_by TEXT,
            reviewed_by_name TEXT,
            decided_by TEXT,
            decided_on TEXT,
            version BIGINT NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX mutual_aid_claims_round ON mutual_aid_claims (round_id, state)",
        "CREATE INDEX mutual_aid_claims_member ON mutual_aid_claims (member_id, round_id)",
        "CREATE INDEX mutual_aid_claims_org ON mutual_aid_claims (org_id, round_id)",
        """
        CREATE TABLE mutual_aid_claim_papers (
            id {{pk}},
            claim_id BIGINT NOT NULL REFERENCES mutual_aid_claims(id),
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
        "CREATE INDEX mutual_aid_claim_papers_claim ON mutual_aid_claim_papers (claim_id, id)",
    ], down: [
        "DROP TABLE mutual_aid_claim_papers",
        "DROP TABLE mutual_aid_claims",
    ], engineUp: [
        .sqlite: ["PRAGMA defer_foreign_keys = ON"] + paymentTables(claims: true),
        .postgres: [
            "ALTER TABLE payment_batches ALTER COLUMN cycle_id DROP NOT NULL",
            "ALTER TABLE payment_batches ADD COLUMN round_id BIGINT REFERENCES mutual_aid_rounds(id)",
            "ALTER TABLE payment_lines ALTER COLUMN grant_id DROP NOT NULL",
            "ALTER TABLE payment_lines ADD COLUMN claim_id BIGINT REFERENCES mutual_aid_claims(id)",
        ],
    ], engineDown: [
        .sqlite: ["PRAGMA defer_foreign_keys = ON"] + dropClaimPayments + paymentTables(claims: false),
        .postgres: dropClaimPayments + [
            "ALTER TABLE payment_lines DROP COLUMN claim_id",
            "ALTER TABLE payment_lines ALTER COLUMN grant_id SET NOT NULL",
            "ALTER TABLE payment_batches DROP COLUMN round_id",
            "ALTER TABLE payment_batches ALTER COLUMN cycle_id SET NOT NULL",
        ],
    ])

    /// Undoing v32 forgets the batches that paid claims.
    static let dropClaimPayments = [
        "DELETE FROM bank_result_uploads WHERE batch_id IN (SELECT id FROM payment_batches WHERE round_id IS NOT NULL)",
        "DELETE FROM payment_lines WHERE claim_id IS NOT NULL",
        "DELETE FROM payment_batches WHERE round_id IS NOT NULL",
    ]

    /// The payment tables rebuilt on SQLite, with (v32) or without (before) the claims' columns.
    static func paymentTables(claims: Bool) -> [String] {
        let batchColumns = "id, batch_no, cycle_id, org_id, state, line_count, total_fen, created_by, created_at, created_by_user, approved_by, approved_by_user, approved_at"
        let lineColumns = "id, batch_id, grant_id, reference, name, bank_name, account_enc, account_masked, amount_fen, result, failure_reason, result_at"
        return [
            """
            CREATE TABLE payment_batches_new (
                id INTEGER PRIMARY KEY,
                batch_no TEXT NOT NULL UNIQUE,
                cycle_id BIGINT \(claims ? "" : "NOT NULL ")REFERENCES program_cycles(id),
                org_id BIGINT NOT NULL REFERENCES orgs(id),
                state TEXT NOT NULL,
                line_count BIGINT NOT NULL,
                total_fen BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by_user TEXT,
                approved_by TEXT,
                approved_by_user TEXT,
                approved_at BIGINT\(claims ? ",\n    round_id BIGINT REFERENCES mutual_aid_rounds(id)" : "")
            )
            """,
            "INSERT INTO payment_batches_new (\(batchColumns)) SELECT \(batchColumns) FROM payment_batches",
            "DROP TABLE payment_batches",
            "ALTER TABLE payment_batches_new RENAME TO payment_batches",
            """
            CREATE TABLE payment_lines_new (
                id INTEGER PRIMARY KEY,
                batch_id BIGINT NOT NULL REFERENCES payment_batches(id),
                grant_id BIGINT \(claims ? "" : "NOT NULL ")REFERENCES grants(id),
                reference TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                bank_name TEXT NOT NULL,
                account_enc TEXT NOT NULL,
                account_masked TEXT NOT NULL,
                amount_fen BIGINT NOT NULL,
                result TEXT NOT NULL,
                failure_reason TEXT,
                result_at BIGINT\(claims ? ",\n    claim_id BIGINT REFERENCES mutual_aid_claims(id)" : "")
            )
            """,
            "INSERT INTO payment_lines_new (\(lineColumns)) SELECT \(lineColumns) FROM payment_lines",
            "DROP TABLE payment_lines",
            "ALTER TABLE payment_lines_new RENAME TO payment_lines",
            "CREATE INDEX payment_lines_batch ON payment_lines(batch_id, id)",
        ]
    }
}
