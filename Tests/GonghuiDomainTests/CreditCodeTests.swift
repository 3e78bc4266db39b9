import Foundation
import Testing
import GonghuiDomain

@Suite("CreditCode")
struct CreditCodeTests {
    @Test func commonlyCitedExampleIsValid() throws {
        // Values: 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4
        // × weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
        // 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640;
        // 1640 mod 31 = 28; 31 − 28 = 3 → "3".
        #expect(CreditCode.checkCharacter(for: "91350100M000100Y4") == "3")
        let code = try CreditCode("91350100M000100Y43")
        #expect(code.value == "91350100M000100Y43")
        #expect(code.hasValidCheck)
        #expect(code.checkWarning == nil)
        #expect(code.description == "91350100M000100Y43")
        #expect(code.registrationAuthority == "9")
        #expect(code.organizationCategory == "1")
        #expect(code.regionDigits == "350100")
        #expect(code.organizationCode == "M000100Y4")
    }

    @Test func constructedCodes() throws {
        // Checks computed with the rule above: letters, a check of 31 written as 0.
        #expect(CreditCode.checkCharacter(for: "91420100MA4K00001") == "U")
        #expect(CreditCode.checkCharacter(for: "12420000MB0000001") == "4")
        #expect(CreditCode.checkCharacter(for: "51420100MJ0000001") == "N")
        #expect(CreditCode.checkCharacter(for: "91420100700000026") == "0")  // Σ = 496 = 16 × 31
        for raw in ["91420100MA4K00001U", "12420000MB00000014", "51420100MJ0000001N", "914201007000000260"] {
            #expect(try CreditCode(raw).hasValidCheck, "\(raw)")
        }
    }

    @Test func normalizesCaseAndSpace() throws {
        let code = try CreditCode("  91350100m000100y43\u{3000}")
        #expect(code.value == "91350100M000100Y43")
        #expect(code == (try CreditCode("91350100M000100Y43")))
        #expect(try CreditCode("９１３５０１００Ｍ０００１００Ｙ４３").value == "91350100M000100Y43")
    }

    @Test func wrongCheckIsOnlyAWarning() throws {
        let code = try CreditCode("91350100M000100Y44")
        #expect(!code.hasValidCheck)
        #expect(code.expectedCheckCharacter == "3")
        #expect(code.checkWarning == "统一社会信用代码校验位不符：应为 3，实为 4（部分真实代码存在此情况，请核对）")
    }

    @Test("wrong lengths", arguments: [("", 0), ("91350100M000100Y4", 17), ("91350100M000100Y433", 19), ("913501", 6)])
    func wrongLength(raw: String, count: Int) {
        #expect(throws: CreditCodeError.wrongLength(count)) { try CreditCode(raw) }
    }

    @Test("characters outside the alphabet", arguments: [
        ("91350100M000100I43", "I"), ("91350100M000100O43", "O"), ("91350100M000100Z43", "Z"),
        ("91350100M000100S43", "S"), ("91350100v000100Y43", "V"), ("91350100M-00100Y43", "-"),
        ("91350100M000100中43", "中"),
    ])
    func invalidCharacter(raw: String, character: String) {
        #expect(throws: CreditCodeError.invalidCharacter(character)) { try CreditCode(raw) }
    }

    @Test func checkCharacterNeedsSeventeenAlphabetCharacters() {
        #expect(CreditCode.checkCharacter(for: "91350100M000100I4") == nil)
        #expect(CreditCode.checkCharacter(for: "91350100m000100Y4") == nil)
        #expect(CreditCode.checkCharacter(for: "91350100M000100Y") == nil)
        #expect(CreditCode.checkCharacter(for: "91350100M000100Y43") == nil)
    }

    @Test func messages() {
        #expect(CreditCodeError.wrongLength(17).message == "统一社会信用代码应为 18 位，实为 17 位")
        #expect(CreditCodeError.invalidCharacter("I").message.hasPrefix("统一社会信用代码含有非法字符：“I”"))
    }

    @Test func codable() throws {
        let json = String(decoding: try JSONEncoder().encode([try CreditCode("91350100M000100Y43")]), as: UTF8.self)
        #expect(json == #"["91350100M000100Y43"]"#)
        #expect(try JSONDecoder().decode([CreditCode].self, from: Data(json.utf8)).first?.value == "91350100M000100Y43")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CreditCode].self, from: Data(#"["123"]"#.utf8)) }
    }
}
