import Foundation

extension Migrations {
    /// v3: the workers' portal (职工在线服务平台). A worker's account belongs to their member
    /// record; activation codes and session tokens are stored only as hashes.
    static let portal = Migration(version: 3, name: "workers_portal", up: [
        """
        CREATE TABLE activation_codes (
            id {{pk}},
            member_id BIGINT NOT NULL REFERENCES members(id),
            code_hash TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0,
            used_at BIGINT
        )
        """,
        "CREATE INDEX activation_codes_member ON activation_codes(member_id)",
        """
        CREATE TABLE worker_accounts (
            member_id BIGINT PRIMARY KEY REFERENCES members(id),
            password_hash TEXT NOT NULL,
            failed_logins BIGINT NOT NULL DEFAULT 0,
            locked_until BIGINT NOT NULL DEFAULT 0,
            activated_at BIGINT NOT NULL,
            last_login_at BIGINT
        )
        """,
        """
        CREATE TABLE worker_sessions (
            id {{pk}},
            member_id BIGINT NOT NULL REFERENCES members(id),
            token_hash TEXT NOT NULL UNIQUE,
            csrf TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            revoked BOOLEAN NOT NULL DEFAULT FALSE
        )
        """,
        "CREATE INDEX worker_sessions_member ON worker_sessions(member_id)",
    ], down: [
        "DROP TABLE worker_sessions", "DROP TABLE worker_accounts", "DROP TABLE activation_codes",
    ])
}
