import Foundation
import Testing
import GonghuiDomain

@Suite("Money")
struct MoneyTests {
    @Test("amounts as typed", arguments: [
        ("1234.56", Int64(123_456)), ("1,234.5", 123_450), ("￥12", 1_200), ("¥12", 1_200),
        ("-3.10", -310), ("￥-3.10", -310), ("-￥3.10", -310), ("0.5", 50), ("12元", 1_200),
        ("¥ 1,234,567.89 元", 123_456_789), ("  7000293 ", 700_029_300), ("+5", 500),
        ("0", 0), ("-0.00", 0), ("1.230", 123), ("１２３.４５", 12_345), ("92233720368547758.07", Int64.max),
    ])
    func parsing(raw: String, fen: Int64) throws {
        #expect(try Money(parsingYuan: raw).fen == fen)
    }

    @Test("text that is not an amount", arguments: [
        "", "   ", "abc", "12,34", "1,2345", ",123", "1,234,56", "1.", ".5", "1.2.3", "1 234", "--3",
        "3-", "12.5元元", "1e3", "0x10", "¥", "-",
    ])
    func malformed(raw: String) {
        let shown = raw.trimmingCharacters(in: .whitespaces)
        #expect(throws: MoneyError.malformed(shown)) { try Money(parsingYuan: raw) }
    }

    @Test func moreThanTwoDecimals() {
        #expect(throws: MoneyError.tooManyDecimals("1.234")) { try Money(parsingYuan: "1.234") }
        #expect(throws: MoneyError.tooManyDecimals("-0.005")) { try Money(parsingYuan: "-0.005") }
        #expect(MoneyError.tooManyDecimals("1.234").message == "金额最多保留两位小数（到分）：“1.234”")
    }

    @Test func overflow() {
        #expect(throws: MoneyError.overflow("92233720368547758.08")) { try Money(parsingYuan: "92233720368547758.08") }
        #expect(throws: MoneyError.overflow("99999999999999999999")) { try Money(parsingYuan: "99999999999999999999") }
    }

    @Test func messages() {
        #expect(MoneyError.malformed("abc").message == "金额格式不正确：“abc”，应为以元为单位的数字，如 1234.56")
        #expect(MoneyError.overflow("1").message.hasPrefix("金额超出"))
    }

    @Test func formatting() {
        #expect(Money(fen: 123_456).yuanString == "1234.56")
        #expect(Money(fen: -50).yuanString == "-0.50")
        #expect(Money(fen: 0).yuanString == "0.00")
        #expect(Money(fen: 5).yuanString == "0.05")
        #expect(Money(fen: 100).yuanString == "1.00")
        #expect(Money(fen: -123_456).yuanString == "-1234.56")
        #expect(Money(fen: .min).yuanString == "-92233720368547758.08")
        #expect(Money(yuan: 70).description == "70.00")
        #expect("\(Money(fen: 1_381_500_00))" == "1381500.00")
    }

    @Test func formattingRoundTrips() throws {
        var failures: [Int64] = []
        for fen in Swift.stride(from: Int64(-100_000), through: 100_000, by: 7) {
            if try Money(parsingYuan: Money(fen: fen).yuanString).fen != fen { failures.append(fen) }
        }
        #expect(failures.isEmpty)
    }

    @Test func arithmeticIsExactToTheFen() throws {
        // 0.1 + 0.2 in binary floating point is 0.30000000000000004.
        let sum = try Money(parsingYuan: "0.10") + Money(parsingYuan: "0.20")
        #expect(sum == Money(fen: 30))
        let cents = Array(repeating: try Money(parsingYuan: "0.01"), count: 10_000)
        #expect(cents.sum() == Money(yuan: 100))
        let grants = try ["1,000.00", "800.50", "-0.50", "1234.56"].map { try Money(parsingYuan: $0) }
        #expect(grants.sum().yuanString == "3034.56")
        #expect([Money]().sum() == .zero)
        var total = Money.zero
        total += Money(yuan: 5)
        total -= Money(fen: 1)
        #expect(total == Money(fen: 499))
        #expect(Money(yuan: 3) - Money(yuan: 5) == Money(yuan: -2))
        #expect(-Money(fen: 7) == Money(fen: -7))
        #expect(Money(yuan: 70).multiplied(by: 3) == Money(yuan: 210))
        #expect(Money(fen: -1).isNegative && Money.zero.isZero && !Money(fen: 1).isZero)
    }

    @Test func ordering() {
        #expect(Money(fen: -1) < .zero)
        #expect([Money(yuan: 3), Money(fen: 5), Money(fen: -5)].sorted() == [Money(fen: -5), Money(fen: 5), Money(yuan: 3)])
        #expect(Money(yuan: 2) == Money(fen: 200))
    }

    @Test func codableAsFen() throws {
        let json = String(decoding: try JSONEncoder().encode(["amount": Money(fen: 123_456)]), as: UTF8.self)
        #expect(json == #"{"amount":123456}"#)
        let back = try JSONDecoder().decode([String: Money].self, from: Data(#"{"amount":-310}"#.utf8))
        #expect(back["amount"] == Money(fen: -310))
    }

    /// Pages show money grouped by thousands, and 万元 to two decimals half up (the seeds'
    /// "700.0293万元" reads 700.03 万元).
    @Test func readAsMoney() {
        #expect(Money(fen: 123_456_789).groupedYuan == "1,234,567.89")
        #expect(Money(fen: 100_000).groupedYuan == "1,000.00")
        #expect(Money(fen: 99_999).groupedYuan == "999.99")
        #expect(Money(fen: -5).groupedYuan == "-0.05")
        #expect(Money.zero.groupedYuan == "0.00")
        #expect(Money(yuan: 8_000).tenThousandYuan == "0.80")
        #expect(Money(fen: 700_029_300).tenThousandYuan == "700.03")
        #expect(Money(fen: 1_625_600_000).tenThousandYuan == "1,625.60", "16.256 million yuan")
        #expect(Money(yuan: 49).tenThousandYuan == "0.00" && Money(yuan: 50).tenThousandYuan == "0.01", "half up")
    }
}
