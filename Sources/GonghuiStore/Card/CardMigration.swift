import Foundation

extension Migrations {
    /// v35: the member service card (会员服务卡): each member's card from the request to the bank's
    /// result (the card number sealed, its blind index, the masked form), its activation and last
    /// use; the uses from the bank's and merchants' files with each month's count per card; the
    /// year's target of a union.
    static let memberCards = Migration(version: 35, name: "member service card", up: [
        """
        CREATE TABLE member_cards (
            id {{pk}},
            province_id BIGINT NOT NULL,
            member_id BIGINT NOT NULL REFERENCES members(id),
            state TEXT NOT NULL,
            branch TEXT NOT NULL,
            requested_on TEXT NOT NULL,
            requested_via TEXT NOT NULL,
            file_no TEXT,
            card_hash TEXT,
            card_enc TEXT,
            card_masked TEXT,
            issued_on TEXT,
            activated_on TEXT,
            last_used_on TEXT,
            reason TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX member_cards_member ON member_cards (member_id, state)",
        "CREATE UNIQUE INDEX member_cards_hash ON member_cards (card_hash)",
        "CREATE INDEX member_cards_state ON member_cards (state, issued_on)",
        """
        CREATE TABLE card_usage (
            id {{pk}},
            card_id BIGINT NOT NULL REFERENCES member_cards(id),
            used_on TEXT NOT NULL,
            merchant TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            discount_fen BIGINT NOT NULL,
            reference TEXT NOT NULL UNIQUE
        )
        """,
        "CREATE INDEX card_usage_day ON card_usage (used_on, card_id)",
        """
        CREATE TABLE card_usage_months (
            card_id BIGINT NOT NULL REFERENCES member_cards(id),
            month TEXT NOT NULL,
            uses BIGINT NOT NULL,
            amount_fen BIGINT NOT NULL,
            PRIMARY KEY (card_id, month)
        )
        """,
        """
        CREATE TABLE card_targets (
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            year BIGINT NOT NULL,
            target BIGINT NOT NULL,
            set_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (org_id, year)
        )
        """,
    ], down: [
        "DROP TABLE card_targets",
        "DROP TABLE card_usage_months",
        "DROP TABLE card_usage",
        "DROP TABLE member_cards",
    ])
}

extension Migrations {
    /// v36: merchants under contract with a union (普惠商户) and their discounts.
    static let cardMerchants = Migration(version: 36, name: "card merchants", up: [
        """
        CREATE TABLE card_merchants (
            id {{pk}},
            org_id BIGINT NOT NULL REFERENCES orgs(id),
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            address TEXT NOT NULL,
            phone TEXT NOT NULL,
            discount TEXT NOT NULL,
            contract_no TEXT NOT NULL,
            contract_from TEXT NOT NULL,
            contract_to TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX card_merchants_org ON card_merchants (org_id, category, contract_to)",
        "CREATE UNIQUE INDEX card_merchants_contract ON card_merchants (org_id, contract_no)",
    ], down: [
        "DROP TABLE card_merchants",
    ])
}
