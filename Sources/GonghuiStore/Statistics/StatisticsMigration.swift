import Foundation

extension Migrations {
    /// Collective contracts (集体合同) of the grassroots unions, for the annual statistics: a
    /// contract is in force on a date between its start and its end, and covers a number of workers.
    static let statistics = Migration(version: 4, name: "statistics", up: [
        """
        CREATE TABLE collective_contracts (
            id {{pk}},
            province_id BIGINT NOT NULL,
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            kind TEXT NOT NULL,
            signed_on TEXT,
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            workers_covered BIGINT NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX collective_contracts_org ON collective_contracts(org_id, valid_from)",
    ], down: [
        "DROP TABLE collective_contracts",
    ])
}
