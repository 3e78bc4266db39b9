import Foundation

/// A calendar date in China (业务日期): a birth date, a signing date, a deadline. It has no
/// time zone and no time of day; instants are `Date`s shown in Asia/Shanghai.
///
/// All arithmetic is plain integer arithmetic on the proleptic Gregorian calendar (the
/// days-from-civil algorithm), not `Calendar`, because imports convert millions of cells.
public struct CivilDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A real date, or nil: month 1…12, day within the month (leap years included),
    /// year 1…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        self.init(unchecked: year, month, day)
    }

    @inline(__always)
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        if lhs.year != rhs.year { return lhs.year < rhs.year }
        if lhs.month != rhs.month { return lhs.month < rhs.month }
        return lhs.day < rhs.day
    }

    // MARK: Calendar rules

    @inline(__always)
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month (month 1…12).
    @inline(__always)
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: Day numbers

    /// Days since 1970-01-01 (which is 0); negative before it.
    public var daysSinceEpoch: Int { Self.days(year: year, month: month, day: day) }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let c = Self.components(daysSinceEpoch: days)
        self.init(unchecked: c.year, c.month, c.day)
    }

    /// Days from 1970-01-01 to a year, month and day of the proleptic Gregorian calendar, without
    /// checking them (Howard Hinnant's days_from_civil: years start in March so February is last).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month and day of a day number (Hinnant's civil_from_days).
    public static func components(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public func adding(days: Int) -> CivilDate {
        days == 0 ? self : CivilDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Calendar months later (or earlier); a day past the end of the target month is clamped
    /// to its last day, so 01-31 plus one month is 02-28 (or 02-29).
    public func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        return CivilDate(unchecked: newYear, newMonth,
                         min(day, CivilDate.daysIn(month: newMonth, year: newYear)))
    }

    /// 1 January of the date's year.
    public var startOfYear: CivilDate { CivilDate(year: year, month: 1, day: 1)! }

    /// 31 December of `year`.
    public static func endOfYear(_ year: Int) -> CivilDate { CivilDate(year: year, month: 12, day: 31)! }

    /// Calendar years later (or earlier); 02-29 becomes 02-28 in a common year.
    public func adding(years: Int) -> CivilDate {
        adding(months: years * 12)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CivilDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// Completed years of age on `date` for someone born on `self` (a person born on 02-29
    /// has a birthday on 03-01 in common years).
    public func age(on date: CivilDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    // MARK: Today

    private static let shanghai = TimeZone(identifier: "Asia/Shanghai")
        ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// The civil date at instant `now` in the given time zone (China by default). An unknown
    /// identifier falls back to China Standard Time (UTC+8).
    public static func today(timeZoneIdentifier: String = "Asia/Shanghai", now: Date = Date()) -> CivilDate {
        let zone = timeZoneIdentifier == "Asia/Shanghai"
            ? shanghai
            : (TimeZone(identifier: timeZoneIdentifier) ?? shanghai)
        let seconds = now.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: now))
        return CivilDate(daysSinceEpoch: Int((seconds / 86_400).rounded(.down)))
    }

    // MARK: Excel serial numbers

    /// Serial day number 1 is 1900-01-01; from 1900-03-01 on, the serial counts one extra day
    /// because Excel (copying Lotus 1-2-3) treats 1900 as a leap year.
    private static let serialBaseBeforeMarch1900 = -25_568  // 1899-12-31
    private static let serialBaseFromMarch1900 = -25_569    // 1899-12-30
    private static let march1st1900 = -25_508               // 1900-03-01

    /// The day number in Excel's 1900 date system.
    public var excelSerial: Int {
        let days = daysSinceEpoch
        return days >= CivilDate.march1st1900
            ? days - CivilDate.serialBaseFromMarch1900
            : days - CivilDate.serialBaseBeforeMarch1900
    }

    /// The date of an Excel serial day number (1900 date system). Serial 60, the nonexistent
    /// 1900-02-29, is read as 1900-02-28.
    public init(excelSerial serial: Int) {
        if serial > 60 {
            self.init(daysSinceEpoch: serial + CivilDate.serialBaseFromMarch1900)
        } else {
            self.init(daysSinceEpoch: min(serial, 59) + CivilDate.serialBaseBeforeMarch1900)
        }
    }
}
