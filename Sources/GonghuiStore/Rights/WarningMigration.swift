import Foundation

extension Migrations {
    /// v28: the labor-relation risk alerts (劳动关系风险预警), each with the rule that fired and the
    /// numbers in its sentence, the union it concerns, its handling, and a key that makes an alert
    /// land once; and the mark an officer puts on a case that may break out (群体性/极端).
    static let warnings = Migration(version: 28, name: "risk warnings", up: [
        """
        CREATE TABLE risk_alerts (
            id {{pk}},
            province_id BIGINT NOT NULL,
            rule TEXT NOT NULL,
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            case_id BIGINT REFERENCES dispute_cases(id),
            subject TEXT NOT NULL,
            summary TEXT NOT NULL,
            raised_on TEXT NOT NULL,
            raised_at BIGINT NOT NULL,
            state TEXT NOT NULL,
            acknowledged_by TEXT,
            acknowledged_at BIGINT,
            acknowledge_note TEXT,
            closed_by TEXT,
            closed_at BIGINT,
            close_note TEXT,
            dedupe_key TEXT NOT NULL UNIQUE,
            version BIGINT NOT NULL
        )
        """,
        "CREATE INDEX risk_alerts_org ON risk_alerts (org_id, state)",
        "CREATE INDEX risk_alerts_case ON risk_alerts (case_id)",
        "ALTER TABLE dispute_cases ADD COLUMN risk_mark TEXT",
    ], down: [
        "ALTER TABLE dispute_cases DROP COLUMN risk_mark",
        "DROP TABLE risk_alerts",
    ])
}
