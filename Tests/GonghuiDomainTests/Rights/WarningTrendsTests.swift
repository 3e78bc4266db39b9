import GonghuiDomain
import Testing

/// The arithmetic of the trend rules at their edges: k σ exactly, the fewest cases, the weeks
/// counted back from today, the lowest common union, the Spring Festival from the calendar.
@Suite("Risk warning: the trend arithmetic")
struct WarningTrendsTests {
    /// Weeks of 2, 4, 2, 4 … : mean 3, standard deviation 1; with k = 3 the line is 6 cases.
    static let history = [2, 4, 2, 4, 2, 4, 2, 4]

    @Test func exactlyKSigmaAboveTheMeanIsNotASurgeAndOneMoreIs() {
        #expect(WarningTrends.meanAndDeviation(Self.history) == (3, 1))
        #expect(!WarningTrends.isSurge(current: 6, history: Self.history, sigmaTenths: 30, minimum: 3))
        #expect(WarningTrends.isSurge(current: 7, history: Self.history, sigmaTenths: 30, minimum: 3))
        // k = 2.5: the line is 5.5, so 6 is a surge.
        #expect(WarningTrends.isSurge(current: 6, history: Self.history, sigmaTenths: 25, minimum: 3))
        #expect(!WarningTrends.isSurge(current: 5, history: Self.history, sigmaTenths: 25, minimum: 3))
    }

    @Test func aQuietRegionNeedsTheFewestCases() {
        let quiet = Array(repeating: 0, count: 8)
        #expect(!WarningTrends.isSurge(current: 2, history: quiet, sigmaTenths: 30, minimum: 3))
        #expect(WarningTrends.isSurge(current: 3, history: quiet, sigmaTenths: 30, minimum: 3))
        // Fewer than the mean is never a surge, whatever the spread.
        #expect(!WarningTrends.isSurge(current: 3, history: [5, 5, 5, 5, 5, 5, 5, 5], sigmaTenths: 1, minimum: 1))
    }

    @Test func weeksAreSevenDayBlocksBackFromToday() {
        let today = CivilDate(year: 2026, month: 3, day: 31)!
        let days = [0, 6, 7, 13, 14, 62, 63].map { today.adding(days: -$0) } + [today.adding(days: 1)]
        let (current, history) = WarningTrends.weekly(days, today: today, weeks: 8)
        #expect(current == 2)
        // Oldest first: block 8 (days 56–62) holds day 62; block 2 day 14; block 1 days 7 and 13; day 63 and tomorrow are outside.
        #expect(history == [1, 0, 0, 0, 0, 0, 1, 2])
    }

    @Test func theLowestUnionHoldingEveryCase() {
        #expect(WarningTrends.commonAncestor(["/1/15/230/", "/1/15/231/"]) == "/1/15/")
        #expect(WarningTrends.commonAncestor(["/1/15/230/", "/1/15/230/"]) == "/1/15/230/")
        #expect(WarningTrends.commonAncestor(["/1/15/230/", "/1/16/"]) == "/1/")
        #expect(WarningTrends.commonAncestor(["/1/15/", "/2/"]) == "/")
    }

    @Test func theSpringFestivalComesFromTheHolidayCalendar() {
        #expect(WarningTrends.springFestival(2026, in: .shipped) == CivilDate(year: 2026, month: 2, day: 15)!)
        #expect(WarningTrends.springFestival(2025, in: .shipped) == CivilDate(year: 2025, month: 1, day: 28)!)
        #expect(WarningTrends.springFestival(2031, in: .shipped) == nil)
    }

    @Test func thePolicyNumbersHaveSourcesAndRanges() {
        for rule in WarningPolicy.defaults.rules {
            #expect(!rule.source.isEmpty, "\(rule.key) names its source")
            #expect(WarningPolicy.range(of: rule.key).contains(rule.value), "\(rule.key)'s default is within its range")
        }
        #expect(WarningPolicy.defaults.rule(WarningPolicy.collectiveWorkers, on: CivilDate(year: 2026, month: 6, day: 1)!)?.value == 10)
        #expect(WarningPolicy.range(of: WarningPolicy.escalateDepth) == 0...4)
    }
}
