import Foundation

extension Migrations {
    /// v17: the in-app inboxes of officers (`user_id`) and workers (`member_id`), the outbox of
    /// messages to send by SMS or email (the recipient sealed, the values free of ID numbers),
    /// each with a key that makes a reminder land once; and the workers' ratings of their cases.
    static let notifications = Migration(version: 17, name: "notifications", up: [
        """
        CREATE TABLE notifications (
            id {{pk}},
            user_id BIGINT REFERENCES users(id),
            member_id BIGINT REFERENCES members(id),
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            link TEXT,
            dedupe_key TEXT UNIQUE,
            created_at BIGINT NOT NULL,
            read_at BIGINT
        )
        """,
        "CREATE INDEX notifications_user ON notifications (user_id, id)",
        "CREATE INDEX notifications_member ON notifications (member_id, id)",
        """
        CREATE TABLE outbox (
            id {{pk}},
            channel TEXT NOT NULL,
            template TEXT NOT NULL,
            recipient_enc TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts BIGINT NOT NULL,
            last_error TEXT,
            dedupe_key TEXT UNIQUE,
            created_at BIGINT NOT NULL,
            sent_at BIGINT
        )
        """,
        "CREATE INDEX outbox_pending ON outbox (state, id)",
        """
        CREATE TABLE dispute_ratings (
            id {{pk}},
            case_id BIGINT NOT NULL UNIQUE REFERENCES dispute_cases(id),
            member_id BIGINT NOT NULL REFERENCES members(id),
            score BIGINT NOT NULL,
            comment TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
    ], down: ["DROP TABLE dispute_ratings", "DROP TABLE outbox", "DROP TABLE notifications"])
}

extension Migrations {
    /// v18: the papers kept with a case (PDF, JPEG, PNG), encrypted like an archive's.
    static let disputePapers = Migration(version: 18, name: "dispute_papers", up: [
        """
        CREATE TABLE dispute_papers (
            id {{pk}},
            case_id BIGINT NOT NULL REFERENCES dispute_cases(id),
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
        "CREATE INDEX dispute_papers_case ON dispute_papers (case_id, id)",
    ], down: ["DROP TABLE dispute_papers"])
}

extension Migrations {
    /// v19: a case filed online by someone who is not a member waits for an officer to confirm
    /// the person's identity at the first contact.
    static let guestFilings = Migration(version: 19, name: "dispute_guest_filings", up: [
        "ALTER TABLE dispute_cases ADD COLUMN identity_pending BOOLEAN NOT NULL DEFAULT FALSE",
    ], down: ["ALTER TABLE dispute_cases DROP COLUMN identity_pending"])
}

extension Migrations {
    /// v20: the arbitration a case went on to, as the union follows it.
    static let arbitration = Migration(version: 20, name: "dispute_arbitration", up: [
        "ALTER TABLE dispute_cases ADD COLUMN arbitration_commission TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN arbitration_applied_on TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN arbitration_accepted_on TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN arbitration_extended BOOLEAN NOT NULL DEFAULT FALSE",
        "ALTER TABLE dispute_cases ADD COLUMN arbitration_awarded_on TEXT",
        "ALTER TABLE dispute_cases ADD COLUMN arbitration_result TEXT",
    ], down: ["arbitration_result", "arbitration_awarded_on", "arbitration_extended", "arbitration_accepted_on", "arbitration_applied_on",
              "arbitration_commission"].map { "ALTER TABLE dispute_cases DROP COLUMN \($0)" })
}
