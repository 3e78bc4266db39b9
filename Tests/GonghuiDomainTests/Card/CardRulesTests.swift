import Foundation
import GonghuiDomain
import Testing

@Suite("Member card: card numbers, sleeping cards")
struct CardRulesTests {
    @Test func cardNumbersAreLuhnCheckedAndMaskedLikeAnAccount() throws {
        // The ISO/IEC 7812 example 7992739871 has the check digit 3.
        #expect(CardNumber.checkDigit(for: "7992739871") == "3")
        let body = "622202020000001234"
        let number = try CardNumber(body + String(CardNumber.checkDigit(for: body)))
        #expect(number.masked == "622202*********" + String(number.value.suffix(4)) && number.masked.count == 19)
        let wrong = body + String((Int(String(CardNumber.checkDigit(for: body)))! + 1) % 10)
        #expect(throws: CardNumberError.checkDigit(wrong)) { try CardNumber(wrong) }
        #expect(throws: CardNumberError.malformed("6222")) { try CardNumber("6222") }
        #expect(try CardNumber("6222 0202 0000 0012 34" + String(CardNumber.checkDigit(for: body))).value == number.value)
    }

    /// A day before any rule began reads the earliest rule (an API caller may ask for 1990).
    @Test func aDayBeforeEveryRuleReadsTheEarliest() throws {
        let early = try CivilDate(parsing: "1990-01-01")
        #expect(CardPolicy.value(CardPolicy.usageWindowDays, book: CardPolicy.defaults, on: early) == 90)
        #expect(LoanRules.value(LoanPolicy.countyQuota, book: LoanPolicy.defaults, on: early).value == 1_300_000)
        #expect(LoanRules.cap(LoanBorrower(isGraduate: false, isWoman: true, inPartnership: false), book: LoanPolicy.defaults, on: early).0 == Money(yuan: 80_000))
    }

    static func card(_ state: CardState, issued: String?, activated: String? = nil, used: String? = nil) -> MemberCard {
        MemberCard(id: 1, memberID: 1, name: "张三", orgCode: "G01", state: state, branch: "工行", requestedOn: try! CivilDate(parsing: "2026-01-01"), fileNo: nil,
                   cardMasked: nil, issuedOn: issued.map { try! CivilDate(parsing: $0) }, activatedOn: activated.map { try! CivilDate(parsing: $0) },
                   lastUsedOn: used.map { try! CivilDate(parsing: $0) }, reason: nil)
    }

    @Test func sleepingCardsOnTheirBoundaries() throws {
        let d = { (s: String) in try! CivilDate(parsing: s) }
        // Issued 1 March: on the 60th day after it is not yet sleeping, on the 61st it is.
        let issued = Self.card(.issued, issued: "2026-03-01")
        #expect(issued.sleeping(on: d("2026-04-30"), unactivatedDays: 60, unusedDays: 180) == nil)
        #expect(issued.sleeping(on: d("2026-05-01"), unactivatedDays: 60, unusedDays: 180) == .notActivated(days: 61))
        // Active, last used 1 March: 180 days later still awake, 181 asleep; a later use wakes it.
        let used = Self.card(.active, issued: "2026-01-10", activated: "2026-01-20", used: "2026-03-01")
        #expect(used.sleeping(on: d("2026-08-28"), unactivatedDays: 60, unusedDays: 180) == nil)
        #expect(used.sleeping(on: d("2026-08-29"), unactivatedDays: 60, unusedDays: 180) == .notUsed(days: 181))
        // Never used: counted from the activation.
        let never = Self.card(.active, issued: "2026-01-10", activated: "2026-01-20")
        #expect(never.sleeping(on: d("2026-07-19"), unactivatedDays: 60, unusedDays: 180) == nil)
        #expect(never.sleeping(on: d("2026-07-20"), unactivatedDays: 60, unusedDays: 180) == .notUsed(days: 181))
        // A card being made or refused never sleeps.
        #expect(Self.card(.issuing, issued: nil).sleeping(on: d("2027-01-01"), unactivatedDays: 60, unusedDays: 180) == nil)
    }
}
