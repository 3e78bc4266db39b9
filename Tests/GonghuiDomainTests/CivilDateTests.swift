import Foundation
import Testing
import GonghuiDomain

@Suite("CivilDate")
struct CivilDateTests {
    private func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }

    @Test("every accepted layout reads as the same day", arguments: [
        "2026-11-21", "2026/11/21", "2026.11.21", "20261121", "2026年11月21日", "2026年11月21",
        "  2026-11-21\t", "\u{3000}2026-11-21\u{3000}", "\u{FEFF}2026-11-21", "２０２６－１１－２１",
    ])
    func layouts(raw: String) throws {
        #expect(try CivilDate(parsing: raw) == date(2026, 11, 21))
    }

    @Test func yearBoundaries() {
        #expect(date(2024, 2, 29).startOfYear == date(2024, 1, 1))
        #expect(date(2025, 1, 1).startOfYear == date(2025, 1, 1))
        #expect(CivilDate.endOfYear(2025) == date(2025, 12, 31))
        #expect(CivilDate.endOfYear(2025).adding(days: 1) == date(2026, 1, 1).startOfYear)
    }

    @Test func singleDigitMonthAndDay() throws {
        #expect(try CivilDate(parsing: "2026-1-5") == date(2026, 1, 5))
        #expect(try CivilDate(parsing: "2026/1/05") == date(2026, 1, 5))
        #expect(try CivilDate(parsing: "2026年1月5日") == date(2026, 1, 5))
    }

    @Test("malformed text", arguments: [
        "2026-11", "2026/11-21", "26-11-21", "2026-11-21-", "2026--11-21", "-2026-11-21",
        "2026 11 21", "abc", "2026-111-2", "202611211", "2026112", "45000.", "45000.5",
        "4500", "450000", "2026年11月21日日", "2026-11-21T00:00", "2026-00-10", "2026-11-00",
        "2026-11-32",
    ])
    func malformed(raw: String) {
        #expect(throws: CivilDateError.malformed(raw)) { try CivilDate(parsing: raw) }
    }

    @Test func monthThirteenIsAFormatError() {
        #expect(throws: CivilDateError.malformed("2026-13-01")) { try CivilDate(parsing: "2026-13-01") }
        #expect(CivilDateError.malformed("2026-13-01").message == "日期格式不正确：“2026-13-01”，应为 YYYY-MM-DD")
    }

    @Test("days past the end of their month", arguments: [
        "2023-02-29", "20230229", "2026-04-31", "1900-02-29", "2100/02/29", "2026年6月31日",
    ])
    func impossible(raw: String) {
        #expect(throws: CivilDateError.impossible(raw)) { try CivilDate(parsing: raw) }
    }

    @Test func emptyText() {
        #expect(throws: CivilDateError.empty) { try CivilDate(parsing: "") }
        #expect(throws: CivilDateError.empty) { try CivilDate(parsing: " \u{3000}\n") }
        #expect(CivilDateError.empty.message == "日期不能为空")
        #expect(CivilDateError.impossible("2023-02-29").message == "日期不存在：“2023-02-29”")
    }

    @Test func errorsCarryTheTrimmedText() {
        #expect(throws: CivilDateError.malformed("2026-13-01")) { try CivilDate(parsing: "  2026-13-01 ") }
    }

    @Test func leapYears() {
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 1, day: 0) == nil)
        #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
        #expect(CivilDate.isLeapYear(2000) && !CivilDate.isLeapYear(2100) && CivilDate.isLeapYear(2024))
    }

    @Test func isoFormatting() {
        #expect(date(2026, 1, 5).iso == "2026-01-05")
        #expect(date(2026, 11, 21).description == "2026-11-21")
        #expect("\(date(987, 6, 7))" == "0987-06-07")
        #expect(date(2026, 1, 5).compact == "20260105")
        #expect(date(2026, 1, 5).chinese == "2026年1月5日")
        #expect(CivilDate("2026/1/5") == date(2026, 1, 5))
        #expect(CivilDate("nonsense") == nil)
    }

    @Test func knownDayNumbers() {
        #expect(date(1970, 1, 1).daysSinceEpoch == 0)
        #expect(date(1969, 12, 31).daysSinceEpoch == -1)
        #expect(date(2000, 1, 1).daysSinceEpoch == 10_957)
        #expect(date(2026, 11, 20).daysSinceEpoch == 20_777)
        #expect(CivilDate(daysSinceEpoch: 20_777) == date(2026, 11, 20))
        #expect(CivilDate(daysSinceEpoch: -25_508) == date(1900, 3, 1))
    }

    /// Walks the calendar day by day from 1600 to 2400 with the month-length rule alone and
    /// checks that day numbers advance by one and convert back.
    @Test func dayNumbersRoundTripOverEightCenturies() {
        var expected = date(1600, 1, 1).daysSinceEpoch
        var failures: [String] = []
        for year in 1600...2400 {
            for month in 1...12 {
                for day in 1...CivilDate.daysIn(month: month, year: year) {
                    let d = date(year, month, day)
                    if d.daysSinceEpoch != expected || CivilDate(daysSinceEpoch: expected) != d {
                        failures.append(d.iso)
                    }
                    expected += 1
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        // 1600…2399 is two 400-year cycles of 146,097 days; 2400 is a leap year.
        #expect(expected - date(1600, 1, 1).daysSinceEpoch == 2 * 146_097 + 366)
    }

    @Test func addingDays() {
        #expect(date(2026, 12, 31).adding(days: 1) == date(2027, 1, 1))
        #expect(date(2024, 2, 28).adding(days: 1) == date(2024, 2, 29))
        #expect(date(2023, 2, 28).adding(days: 1) == date(2023, 3, 1))
        #expect(date(2026, 11, 21).adding(days: -365) == date(2025, 11, 21))
        #expect(date(2026, 11, 21).adding(days: 0) == date(2026, 11, 21))
        #expect(date(2026, 1, 1).days(until: date(2026, 11, 21)) == 324)
    }

    @Test func addingMonthsClampsToTheMonthEnd() {
        #expect(date(2024, 1, 31).adding(months: 1) == date(2024, 2, 29))
        #expect(date(2023, 1, 31).adding(months: 1) == date(2023, 2, 28))
        #expect(date(2026, 11, 21).adding(months: 2) == date(2027, 1, 21))
        #expect(date(2026, 11, 21).adding(months: -11) == date(2025, 12, 21))
        #expect(date(2026, 3, 31).adding(months: -1) == date(2026, 2, 28))
        #expect(date(2026, 1, 15).adding(months: -13) == date(2024, 12, 15))
        #expect(date(2026, 5, 31).adding(months: 24) == date(2028, 5, 31))
        #expect(date(2024, 2, 29).adding(years: 1) == date(2025, 2, 28))
        #expect(date(2024, 2, 29).adding(years: 4) == date(2028, 2, 29))
        #expect(date(2026, 11, 21).adding(years: -56) == date(1970, 11, 21))
    }

    @Test func age() {
        #expect(date(1990, 3, 7).age(on: date(2026, 3, 6)) == 35)
        #expect(date(1990, 3, 7).age(on: date(2026, 3, 7)) == 36)
        #expect(date(2000, 2, 29).age(on: date(2026, 2, 28)) == 25)
        #expect(date(2000, 2, 29).age(on: date(2026, 3, 1)) == 26)
    }

    @Test func ordering() {
        let dates = [date(2026, 11, 21), date(2026, 2, 1), date(2025, 12, 31), date(2026, 11, 3)]
        #expect(dates.sorted() == [date(2025, 12, 31), date(2026, 2, 1), date(2026, 11, 3), date(2026, 11, 21)])
        #expect(date(2026, 1, 31) < date(2026, 2, 1))
        #expect(!(date(2026, 2, 1) < date(2026, 2, 1)))
    }

    @Test func todayIsTheDateInChina() {
        // 2026-11-20 17:00 UTC is already 01:00 on the 21st in Beijing.
        let instant = Date(timeIntervalSince1970: Double(20_777 * 86_400 + 17 * 3_600))
        #expect(CivilDate.today(now: instant) == date(2026, 11, 21))
        #expect(CivilDate.today(timeZoneIdentifier: "UTC", now: instant) == date(2026, 11, 20))
        #expect(CivilDate.today(timeZoneIdentifier: "America/New_York", now: instant) == date(2026, 11, 20))
        let beforeEpoch = Date(timeIntervalSince1970: -3_600 * 9)
        #expect(CivilDate.today(now: beforeEpoch) == date(1969, 12, 31))
    }

    @Test func excelSerials() throws {
        #expect(CivilDate(excelSerial: 45_000) == date(2023, 3, 15))
        #expect(CivilDate(excelSerial: 1) == date(1900, 1, 1))
        #expect(CivilDate(excelSerial: 59) == date(1900, 2, 28))
        #expect(CivilDate(excelSerial: 60) == date(1900, 2, 28))  // Excel's fictitious 1900-02-29
        #expect(CivilDate(excelSerial: 61) == date(1900, 3, 1))
        #expect(CivilDate(excelSerial: 25_569) == date(1970, 1, 1))
        #expect(date(2023, 3, 15).excelSerial == 45_000)
        #expect(date(1900, 1, 1).excelSerial == 1)
        #expect(date(1900, 2, 28).excelSerial == 59)
        #expect(date(1900, 3, 1).excelSerial == 61)
        let broken = (1...100_000).filter { $0 != 60 && CivilDate(excelSerial: $0).excelSerial != $0 }
        #expect(broken.isEmpty)
    }

    @Test func excelSerialsAsText() throws {
        #expect(try CivilDate(parsing: "45000") == date(2023, 3, 15))
        #expect(try CivilDate(parsing: "45000.0") == date(2023, 3, 15))
        #expect(try CivilDate(parsing: " 45000.00 ") == date(2023, 3, 15))
        #expect(try CivilDate(parsing: "46347") == date(2026, 11, 21))
        // Eight digits stay year-month-day even though they would be a valid serial too.
        #expect(try CivilDate(parsing: "20261121") == date(2026, 11, 21))
    }

    @Test func codableAsISOString() throws {
        let value = ["born": date(1990, 3, 7)]
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        #expect(json == #"{"born":"1990-03-07"}"#)
        let back = try JSONDecoder().decode([String: CivilDate].self, from: Data(json.utf8))
        #expect(back == value)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([String: CivilDate].self, from: Data(#"{"born":"1990-02-30"}"#.utf8))
        }
    }
}
