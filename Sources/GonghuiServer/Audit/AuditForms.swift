import Foundation
import GonghuiDomain
import GonghuiStore

/// The filter of the audit log, from the page's query string.
struct AuditFilterForm {
    static let keys = ["actor", "action", "entity", "entity_id", "from", "to"]
    static let pageSize = 50

    /// The values as typed, to show in the form and to carry through the pager.
    var values: [String: String] = [:]
    var offset: Int = 0

    init(values: [String: String], offset: Int) {
        self.values = values
        self.offset = offset
    }

    init(_ q: PageQuery) {
        self.init(values: Dictionary(uniqueKeysWithValues: Self.keys.map { ($0, q.string($0)) }),
                  offset: q.int("offset", default: 0, range: 0...10_000_000))
    }

    subscript(_ key: String) -> String { values[key] ?? "" }

    /// The filter asked for, or nil with the problems filed in `errors`.
    func parse(into errors: inout FieldErrors) -> AuditLog.Filter? {
        func text(_ key: String, _ maxLength: Int) -> String? { String(self[key].prefix(maxLength)).nilIfEmpty }
        let from = errors.date("from", String(self["from"].prefix(10)), required: false)
        let to = errors.date("to", String(self["to"].prefix(10)), required: false)
        // Days begin at midnight Beijing time (UTC+8).
        func millis(_ d: CivilDate) -> Int64 { Int64(d.daysSinceEpoch) * 86_400_000 - 8 * 3_600_000 }
        guard errors.isEmpty else { return nil }
        return AuditLog.Filter(actor: text("actor", 80), action: text("action", 80), entity: text("entity", 40), entityID: text("entity_id", 80),
                               fromMillis: from.map(millis), toMillis: to.map { millis($0.adding(days: 1)) }, limit: Self.pageSize, offset: offset)
    }
}
