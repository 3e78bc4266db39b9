/// A policy number (a deadline, a threshold, a cap) as data: its value from a date on, and the
/// law's article or the province's rule it comes from. A province can add a rule taking effect on
/// a later date; what was decided before keeps the rule that was in force then.
public struct PolicyRule: Equatable, Codable, Sendable {
    public var key: String
    public var value: Int
    public var effectiveFrom: CivilDate
    /// Where the number comes from, as an officer would cite it ("《劳动争议调解仲裁法》第十四条").
    public var source: String
    /// A period counted in working days (工作日) on the holiday calendar rather than calendar days.
    public var workingDays: Bool

    public init(key: String, value: Int, effectiveFrom: CivilDate, source: String, workingDays: Bool = false) {
        self.key = key
        self.value = value
        self.effectiveFrom = effectiveFrom
        self.source = source
        self.workingDays = workingDays
    }
}

/// A set of policy rules, several dates per key: a key's rule on a date is the one that took
/// effect last on or before it.
public struct PolicyBook: Equatable, Sendable {
    public private(set) var rules: [PolicyRule]
    /// The calendar its working-day periods count on.
    public var calendar: HolidayCalendar

    public init(_ rules: [PolicyRule], calendar: HolidayCalendar = .shipped) {
        self.rules = rules.sorted { ($0.key, $0.effectiveFrom) < ($1.key, $1.effectiveFrom) }
        self.calendar = calendar
    }

    /// The end of the period `rule` sets, starting on `start` (not counted) and lengthened by
    /// `extra` days of the same kind: calendar days, or working days on the calendar.
    public func end(of rule: PolicyRule, from start: CivilDate, extra: Int = 0) -> CivilDate {
        rule.workingDays ? calendar.adding(workingDays: rule.value + extra, to: start) : start.adding(days: rule.value + extra)
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
        return PolicyBook(kept, calendar: calendar)
    }
}
