/// A policy number (a deadline, a threshold, a cap) as data: its value from a date on, and the
/// law's article or the province's rule it comes from. A province can add a rule taking effect on
/// a later date; what was decided before keeps the rule that was in force then.
public struct PolicyRule: Equatable, Codable, Sendable {
    public var key: String
    public var value: Int
    public var effectiveFrom: CivilDate
    /// Where the number comes from, as an officer would cite it ("《劳动争议调解仲裁法》第十四条").
    public var source: String

    public init(key: String, value: Int, effectiveFrom: CivilDate, source: String) {
        self.key = key
        self.value = value
        self.effectiveFrom = effectiveFrom
        self.source = source
    }
}

/// A set of policy rules, several dates per key: a key's rule on a date is the one that took
/// effect last on or before it.
public struct PolicyBook: Equatable, Sendable {
    public private(set) var rules: [PolicyRule]

    public init(_ rules: [PolicyRule]) {
        self.rules = rules.sorted { ($0.key, $0.effectiveFrom) < ($1.key, $1.effectiveFrom) }
    }

    /// The rule for `key` in force on `date`: nil when the key has no rule that early.
    public func rule(_ key: String, on date: CivilDate) -> PolicyRule? {
        rules.last { $0.key == key && $0.effectiveFrom <= date }
    }

    /// This book with `more` added; a rule of the same key and date replaces the older one.
    public func merging(_ more: [PolicyRule]) -> PolicyBook {
        var kept = rules
        for r in more {
            kept.removeAll { $0.key == r.key && $0.effectiveFrom == r.effectiveFrom }
            kept.append(r)
        }
        return PolicyBook(kept)
    }
}
