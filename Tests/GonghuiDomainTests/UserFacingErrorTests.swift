import Testing
import GonghuiDomain

@Suite("UserFacingError")
struct UserFacingErrorTests {
    /// Every error a user can meet reads in Chinese.
    @Test func everyErrorHasAChineseMessage() {
        let errors: [any UserFacingError] = [
            CivilDateError.empty, CivilDateError.malformed("x"), CivilDateError.impossible("x"),
            MoneyError.malformed("x"), MoneyError.tooManyDecimals("x"), MoneyError.overflow("x"),
            IDNumberError.empty, IDNumberError.wrongLength(3), IDNumberError.invalidCharacter("x"),
            IDNumberError.badCheckCharacter(expected: "1", found: "2"),
            IDNumberError.impossibleBirthDate("x"), IDNumberError.birthDateInFuture("x"),
            IDNumberError.birthDateTooEarly("x"), IDNumberError.unknownProvince("x"),
            CreditCodeError.wrongLength(3), CreditCodeError.invalidCharacter("x"),
            RegionCodeError.malformed("x"), RegionCodeError.unknownProvince("x"),
            RegionCodeError.notInCatalog("x", version: "2023"), PhoneNumberError.malformed("x"),
        ]
        for error in errors {
            let hasHan = error.message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            #expect(hasHan, "\(error)")
        }
        #expect(Set(errors.map(\.message)).count == errors.count)
    }

    @Test func thrownErrorsCanBeShownWithoutKnowingTheirType() {
        do {
            _ = try IDNumber("12345")
            Issue.record("a 5-character ID number was accepted")
        } catch let error as any UserFacingError {
            #expect(error.message == "身份证号长度应为 18 位（或旧版 15 位），实为 5 位")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
