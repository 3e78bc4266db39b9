import Foundation

/// The maintained roll-up behind the annual statistics (会员数实时汇总): for every union, its
/// members in good standing today, by gender, migrant status and employment type.
///
/// A membership counts in `org_member_totals` while its period is open (`valid_to IS NULL`) with
/// status 在会. Triggers on `member_periods` (a period opened, closed, moved, deleted) and on
/// `members` (gender, migrant status or employment type edited) keep the row of the period's union
/// exact in the same transaction as the change, so the table is never behind the registry. A
/// figure as of a past date is then today's total minus what changed after the date (periods
/// opened after it, periods closed after it), read through `member_periods_changes`: the cost of
/// a report grows with the number of unions and with the changes since the date, not with the
/// number of members.
enum MemberTotals {
    /// The figure columns, in order.
    static let columns = ["members", "women_members", "migrant_members", "fixed_term_members", "open_ended_members",
                          "dispatched_members", "flexible_members", "new_forms_members"]

    /// One member, the row `m` of `members` (or a trigger's `NEW`/`OLD`), counted in each column.
    static func counts(of m: String) -> [String] {
        ["1", "CASE WHEN \(m).gender = 'female' THEN 1 ELSE 0 END", "CASE WHEN \(m).is_migrant THEN 1 ELSE 0 END"]
            + ["fixed_term", "open_ended", "dispatched", "flexible", "new_forms"].map { "CASE WHEN \(m).employment_type = '\($0)' THEN 1 ELSE 0 END" }
    }

    static var columnList: String { columns.joined(separator: ", ") }

    /// Adds `values` (one per column, selected from `source`) to the row of union `orgID`.
    static func upsert(_ values: [String], orgID: String, provinceID: String, source: String) -> String {
        """
        INSERT INTO org_member_totals (org_id, province_id, \(columnList))
        SELECT \(orgID), \(provinceID), \(values.joined(separator: ", "))
        \(source)
        ON CONFLICT (org_id) DO UPDATE SET \(columns.map { "\($0) = org_member_totals.\($0) + excluded.\($0)" }.joined(separator: ", "))
        """
    }

    /// Adds `sign` (+1 or −1) times one member `m` to a union's row: `source` is the FROM/WHERE
    /// part naming the member `m`.
    static func upsert(sign: String, orgID: String, provinceID: String, source: String) -> String {
        upsert(counts(of: "m").map { "\(sign) * (\($0))" }, orgID: orgID, provinceID: provinceID, source: source)
    }

    /// A member's attributes changed: the union of their open, in-good-standing period moves the
    /// member from the old attributes to the new ones.
    static var attributesChanged: String {
        upsert(zip(counts(of: "NEW"), counts(of: "OLD")).map { "(\($0)) - (\($1))" }, orgID: "p.org_id", provinceID: "p.province_id",
               source: "FROM member_periods p WHERE p.member_id = NEW.id AND p.valid_to IS NULL AND p.status = 'active'")
    }

    /// Recomputes every row from the periods (after a bulk load that ran without the triggers).
    static var rebuild: [String] {
        [
            "DELETE FROM org_member_totals",
            """
            INSERT INTO org_member_totals (org_id, province_id, \(columnList))
            SELECT p.org_id, MIN(p.province_id), \(counts(of: "m").map { "SUM(\($0))" }.joined(separator: ", "))
            FROM member_periods p JOIN members m ON m.id = p.member_id
            WHERE p.valid_to IS NULL AND p.status = 'active'
            GROUP BY p.org_id
            """,
        ]
    }

    static let attributes = "gender, is_migrant, employment_type"

    static var sqliteTriggers: [String] {
        let oldCounted = "OLD.status = 'active' AND OLD.valid_to IS NULL"
        let newCounted = "NEW.status = 'active' AND NEW.valid_to IS NULL"
        return [
            """
            CREATE TRIGGER member_totals_period_insert AFTER INSERT ON member_periods WHEN \(newCounted) BEGIN
            \(upsert(sign: "1", orgID: "NEW.org_id", provinceID: "NEW.province_id", source: "FROM members m WHERE m.id = NEW.member_id"));
            END
            """,
            """
            CREATE TRIGGER member_totals_period_update AFTER UPDATE OF member_id, org_id, status, valid_to ON member_periods
            WHEN (\(oldCounted)) OR (\(newCounted)) BEGIN
            \(upsert(sign: "-1", orgID: "OLD.org_id", provinceID: "OLD.province_id", source: "FROM members m WHERE m.id = OLD.member_id AND \(oldCounted)"));
            \(upsert(sign: "1", orgID: "NEW.org_id", provinceID: "NEW.province_id", source: "FROM members m WHERE m.id = NEW.member_id AND \(newCounted)"));
            END
            """,
            """
            CREATE TRIGGER member_totals_period_delete AFTER DELETE ON member_periods WHEN \(oldCounted) BEGIN
            \(upsert(sign: "-1", orgID: "OLD.org_id", provinceID: "OLD.province_id", source: "FROM members m WHERE m.id = OLD.member_id"));
            END
            """,
            """
            CREATE TRIGGER member_totals_member_update AFTER UPDATE OF \(attributes) ON members
            WHEN OLD.gender IS NOT NEW.gender OR OLD.is_migrant IS NOT NEW.is_migrant OR OLD.employment_type IS NOT NEW.employment_type BEGIN
            \(attributesChanged);
            END
            """,
        ]
    }

    static var postgresTriggers: [String] {
        let oldCounted = "OLD.status = 'active' AND OLD.valid_to IS NULL"
        let newCounted = "NEW.status = 'active' AND NEW.valid_to IS NULL"
        return [
            """
            CREATE FUNCTION member_totals_period() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
              IF TG_OP <> 'INSERT' THEN
                IF \(oldCounted) THEN
                  \(upsert(sign: "-1", orgID: "OLD.org_id", provinceID: "OLD.province_id", source: "FROM members m WHERE m.id = OLD.member_id"));
                END IF;
              END IF;
              IF TG_OP <> 'DELETE' THEN
                IF \(newCounted) THEN
                  \(upsert(sign: "1", orgID: "NEW.org_id", provinceID: "NEW.province_id", source: "FROM members m WHERE m.id = NEW.member_id"));
                END IF;
              END IF;
              RETURN NULL;
            END
            $body$
            """,
            """
            CREATE TRIGGER member_totals_period AFTER INSERT OR DELETE OR UPDATE OF member_id, org_id, status, valid_to ON member_periods
            FOR EACH ROW EXECUTE FUNCTION member_totals_period()
            """,
            """
            CREATE FUNCTION member_totals_member() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
              \(attributesChanged);
              RETURN NULL;
            END
            $body$
            """,
            """
            CREATE TRIGGER member_totals_member AFTER UPDATE OF \(attributes) ON members FOR EACH ROW
            WHEN (OLD.gender IS DISTINCT FROM NEW.gender OR OLD.is_migrant IS DISTINCT FROM NEW.is_migrant OR OLD.employment_type IS DISTINCT FROM NEW.employment_type)
            EXECUTE FUNCTION member_totals_member()
            """,
        ]
    }
}

extension Migrations {
    /// The roll-up of current members per union (`MemberTotals`), filled from the periods already
    /// recorded, and the index that finds the periods changed after a date.
    static let memberTotals = Migration(version: 5, name: "member_totals", up: [
        """
        CREATE TABLE org_member_totals (
            org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
            province_id BIGINT NOT NULL,
            \(MemberTotals.columns.map { "\($0) BIGINT NOT NULL DEFAULT 0" }.joined(separator: ",\n    "))
        )
        """,
        "CREATE INDEX org_member_totals_province ON org_member_totals(province_id)",
        "CREATE INDEX member_periods_changes ON member_periods(province_id, valid_to, valid_from)",
    ] + MemberTotals.rebuild.dropFirst(), down: [
        "DROP INDEX member_periods_changes",
        "DROP TABLE org_member_totals",
    ], engineUp: [
        .sqlite: MemberTotals.sqliteTriggers,
        .postgres: MemberTotals.postgresTriggers,
    ], engineDown: [
        .sqlite: ["DROP TRIGGER member_totals_period_insert", "DROP TRIGGER member_totals_period_update",
                  "DROP TRIGGER member_totals_period_delete", "DROP TRIGGER member_totals_member_update"],
        .postgres: ["DROP TRIGGER member_totals_period ON member_periods", "DROP TRIGGER member_totals_member ON members",
                    "DROP FUNCTION member_totals_period()", "DROP FUNCTION member_totals_member()"],
    ])
}
