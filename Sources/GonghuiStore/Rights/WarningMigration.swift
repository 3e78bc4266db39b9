import Foundation

extension Migrations {
    /// v28: the labor-relation risk alerts (劳动关系风险预警), each with the rule that fired and the
    /// numbers in its sentence, the union it concerns, its handling, and a key that makes an alert
    /// land once; the mark an officer puts on a case that may break out (群体性/极端); and each
    /// union's officers on duty (预警值班人员), whose phone (and e-mail) the alerts are sent to.
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
        """
        CREATE TABLE warning_duty (
            id {{pk}},
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            name TEXT NOT NULL,
            phone_enc TEXT NOT NULL,
            phone_masked TEXT NOT NULL,
            email_enc TEXT,
            email_masked TEXT,
            active BOOLEAN NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX warning_duty_org ON warning_duty (org_id, active)",
    ], down: [
        "DROP TABLE warning_duty",
        "ALTER TABLE dispute_cases DROP COLUMN risk_mark",
        "DROP TABLE risk_alerts",
    ])
}
