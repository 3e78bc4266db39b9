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
}
