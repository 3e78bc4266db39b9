/// The official holiday calendar (法定节假日安排): the days off the State Council's yearly notice
/// gives (放假) and the weekend days it makes working days in exchange (调休上班). Kept as data a
/// province can edit; the years below are shipped from the notices. Periods a rule counts in
/// working days (工作日) skip weekends and holidays and count the make-up workdays.
public struct HolidayCalendar: Equatable, Sendable {
    public enum DayKind: String, Codable, Sendable, CaseIterable {
        /// 放假: a day off, whatever weekday it is.
        case holiday
        /// 调休上班: a Saturday or Sunday worked in exchange.
        case workday

        public var title: String { self == .holiday ? "放假" : "调休上班" }
    }

    /// One day the notice names.
    public struct Day: Equatable, Codable, Sendable {
        public var date: CivilDate
        public var kind: DayKind
        /// The festival it belongs to ("春节").
        public var name: String
        /// The notice ("国办发明电〔2025〕7号").
        public var source: String

        public init(date: CivilDate, kind: DayKind, name: String, source: String) {
            self.date = date; self.kind = kind; self.name = name; self.source = source
        }
    }

    public private(set) var days: [CivilDate: Day]

    public init(_ days: [Day]) {
        self.days = Dictionary(days.map { ($0.date, $0) }, uniquingKeysWith: { _, later in later })
    }

    /// The years the calendar covers: a working-day period reaching past them is counted on
    /// weekends alone, and says so.
    public var years: Set<Int> { Set(days.keys.map(\.year)) }

    /// Monday to Friday unless a holiday; Saturday and Sunday only as a make-up workday.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if let d = days[date] { return d.kind == .workday }
        return !date.isWeekend
    }

    /// The day `count` working days after `start`, the start not counted (民法典 art. 201): 15
    /// working days from a Friday end on the third Friday after it in a week without holidays.
    public func adding(workingDays count: Int, to start: CivilDate) -> CivilDate {
        var date = start
        var left = count
        while left > 0 {
            date = date.adding(days: 1)
            if isWorkingDay(date) { left -= 1 }
        }
        return date
    }

    /// This calendar with `more` over it: a day given again replaces the shipped one.
    public func merging(_ more: [Day]) -> HolidayCalendar {
        var c = self
        for d in more { c.days[d.date] = d }
        return c
    }

    /// This calendar without the days in `removed` (a province taking back a shipped day).
    public func removing(_ removed: [CivilDate]) -> HolidayCalendar {
        var c = self
        for d in removed { c.days[d] = nil }
        return c
    }

    /// The State Council's notices for 2024 to 2026, as published.
    public static let shipped = HolidayCalendar(
        notice(2024, "国办发明电〔2023〕7号", holidays: [
            ("元旦", "2024-01-01", 1), ("春节", "2024-02-10", 8), ("清明节", "2024-04-04", 3), ("劳动节", "2024-05-01", 5),
            ("端午节", "2024-06-10", 1), ("中秋节", "2024-09-15", 3), ("国庆节", "2024-10-01", 7),
        ], workdays: [("春节", "2024-02-04"), ("春节", "2024-02-18"), ("清明节", "2024-04-07"), ("劳动节", "2024-04-28"), ("劳动节", "2024-05-11"),
                      ("中秋节", "2024-09-14"), ("国庆节", "2024-09-29"), ("国庆节", "2024-10-12")])
        + notice(2025, "国办发明电〔2024〕12号", holidays: [
            ("元旦", "2025-01-01", 1), ("春节", "2025-01-28", 8), ("清明节", "2025-04-04", 3), ("劳动节", "2025-05-01", 5),
            ("端午节", "2025-05-31", 3), ("国庆节、中秋节", "2025-10-01", 8),
        ], workdays: [("春节", "2025-01-26"), ("春节", "2025-02-08"), ("劳动节", "2025-04-27"), ("国庆节、中秋节", "2025-09-28"),
                      ("国庆节、中秋节", "2025-10-11")])
        + notice(2026, "国办发明电〔2025〕7号", holidays: [
            ("元旦", "2026-01-01", 3), ("春节", "2026-02-15", 9), ("清明节", "2026-04-04", 3), ("劳动节", "2026-05-01", 5),
            ("端午节", "2026-06-19", 3), ("中秋节", "2026-09-25", 3), ("国庆节", "2026-10-01", 7),
        ], workdays: [("元旦", "2026-01-04"), ("春节", "2026-02-14"), ("春节", "2026-02-28"), ("劳动节", "2026-05-09"), ("国庆节", "2026-09-20"),
                      ("国庆节", "2026-10-10")]))

    private static func notice(_ year: Int, _ number: String, holidays: [(String, String, Int)], workdays: [(String, String)]) -> [Day] {
        let source = "国务院办公厅关于\(year)年部分节假日安排的通知（\(number)）"
        var out: [Day] = []
        for (name, first, count) in holidays {
            let start = CivilDate(first)!
            for i in 0..<count { out.append(Day(date: start.adding(days: i), kind: .holiday, name: name, source: source)) }
        }
        for (name, day) in workdays { out.append(Day(date: CivilDate(day)!, kind: .workday, name: name, source: source)) }
        return out
    }
}

extension CivilDate {
    /// Monday is 1, Sunday 7 (1970-01-01 was a Thursday).
    public var isoWeekday: Int { ((daysSinceEpoch % 7 + 7) % 7 + 3) % 7 + 1 }

    public var isWeekend: Bool { isoWeekday >= 6 }
}
