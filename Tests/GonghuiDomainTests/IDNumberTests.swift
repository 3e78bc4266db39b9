import Testing
import GonghuiDomain

@Suite("IDNumber")
struct IDNumberTests {
    private let today = CivilDate(year: 2026, month: 11, day: 21)!

    private func id(_ raw: String) throws -> IDNumber { try IDNumber(raw, today: today) }

    @Test func checkCharacterComputedByHand() {
        // 4 2 0 1 0 2 1 9 9 0 0 3 0 7 1 2 3 × 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
        // = 28 + 18 + 0 + 5 + 0 + 8 + 2 + 9 + 54 + 0 + 0 + 27 + 0 + 35 + 8 + 8 + 6 = 208;
        // 208 mod 11 = 10 → "10X98765432"[10] = "2".
        #expect(IDNumber.checkCharacter(for: "42010219900307123") == "2")
        // The example of GB 11643: 7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5
        // + 0 + 0 + 4 = 167; 167 mod 11 = 2 → "X".
        #expect(IDNumber.checkCharacter(for: "11010519491231002") == "X")
        #expect(IDNumber.checkCharacter(for: "42010219900307122") == "4")
        #expect(IDNumber.checkCharacter(for: "42010219900307123"[...]) == "2")
    }

    @Test func validNumber() throws {
        let number = try id("420102199003071232")
        #expect(number.value == "420102199003071232")
        #expect(number.birthDate == CivilDate(year: 1990, month: 3, day: 7))
        #expect(number.addressCode == "420102")
        #expect(number.provinceCode == "420000")
        #expect(number.gender == .male)
        #expect(!number.isResidencePermit)
        #expect(number.age(on: today) == 36)
    }

    @Test func checkCharacterX() throws {
        let number = try id("11010519491231002X")
        #expect(number.value == "11010519491231002X")
        #expect(number.gender == .female)
        #expect(number.birthDate == CivilDate(year: 1949, month: 12, day: 31))
    }

    @Test func lowerCaseXIsNormalized() throws {
        let lower = try id("11010519491231002x")
        #expect(lower.value == "11010519491231002X")
        #expect(lower == (try id("11010519491231002X")))
        #expect(Set([lower, try id(" 11010519491231002X ")]).count == 1)
    }

    @Test func whiteSpaceAndFullWidthDigits() throws {
        #expect(try id(" 420102199003071232\u{3000}").value == "420102199003071232")
        #expect(try id("\t420102199003071232\n").value == "420102199003071232")
        #expect(try id("４２０１０２１９９００３０７１２３２").value == "420102199003071232")
        #expect(try id("１１０１０５１９４９１２３１００２ｘ").value == "11010519491231002X")
    }

    @Test func legacyFifteenDigitNumber() throws {
        // 130503 67 0401 001 → 130503 19 670401 001 + check: 1·7 + 3·9 + 0 + 5·5 + 0 + 3·4
        // + 1·2 + 9·1 + 6·6 + 7·3 + 0 + 4·9 + 0 + 1·5 + 0 + 0 + 1·2 = 182; 182 mod 11 = 6 → "6".
        let number = try id("130503670401001")
        #expect(number.value == "130503196704010016")
        #expect(number.birthDate == CivilDate(year: 1967, month: 4, day: 1))
        #expect(number.gender == .male)
        #expect(number == (try id("130503196704010016")))
    }

    @Test func residencePermits() throws {
        for raw in ["810000199001010019", "820000199001010029", "830000199001010039"] {
            let permit = try id(raw)
            #expect(permit.isResidencePermit)
            #expect(permit.addressCode == String(raw.prefix(6)))
            #expect(permit.provinceCode == String(raw.prefix(6)))
        }
        #expect(throws: IDNumberError.badCheckCharacter(expected: "9", found: "0")) {
            try id("810000199001010010")
        }
    }

    @Test func retiredAddressCodesStayValid() throws {
        // 421023 (监利县) became 421088 (监利市) in 2020; people registered there keep it.
        #expect(try id("421023198001010025").addressCode == "421023")
    }

    @Test func wrongCheckCharacter() {
        #expect(throws: IDNumberError.badCheckCharacter(expected: "2", found: "3")) {
            try id("420102199003071233")
        }
        #expect(throws: IDNumberError.badCheckCharacter(expected: "2", found: "X")) {
            try id("42010219900307123x")
        }
        #expect(throws: IDNumberError.badCheckCharacter(expected: "X", found: "1")) {
            try id("110105194912310021")
        }
        #expect(IDNumberError.badCheckCharacter(expected: "X", found: "3").message == "身份证号校验位错误：应为 X，实为 3")
    }

    @Test func impossibleBirthDates() {
        // Check characters are right, so only the date is wrong.
        #expect(throws: IDNumberError.impossibleBirthDate("19900230")) { try id("420102199002300013") }
        #expect(throws: IDNumberError.impossibleBirthDate("20230229")) { try id("420102202302290018") }
        #expect(throws: IDNumberError.impossibleBirthDate("19671301")) { try id("130503671301001") }
        #expect(IDNumberError.impossibleBirthDate("19900230").message == "身份证号出生日期不存在：19900230")
    }

    @Test func leapDayIsValid() throws {
        #expect(try id("420102200002290017").birthDate == CivilDate(year: 2000, month: 2, day: 29))
    }

    @Test func birthDateBounds() throws {
        #expect(throws: IDNumberError.birthDateInFuture("20300101")) { try id("420102203001010013") }
        #expect(throws: IDNumberError.birthDateInFuture("20261122")) { try id("420102202611220013") }
        #expect(try id("420102202611210018").birthDate == today)
        #expect(throws: IDNumberError.birthDateTooEarly("18991231")) { try id("420102189912310019") }
        #expect(try id("420102190001010013").birthDate == CivilDate(year: 1900, month: 1, day: 1))
        // The default "today" is the real date, so a birth date decades ago passes.
        #expect(try IDNumber("420102199003071232").value == "420102199003071232")
    }

    @Test func unknownProvince() {
        #expect(throws: IDNumberError.unknownProvince("99")) { try id("990102199001010015") }
        #expect(throws: IDNumberError.unknownProvince("20")) { try id("200102199001010013") }
        #expect(IDNumberError.unknownProvince("99").message.contains("99"))
    }

    @Test("wrong lengths", arguments: [
        ("42010219900307123", 17), ("4201021990030712321", 19), ("4201021990030712", 16),
        ("1", 1), ("13050367040100", 14), ("420102 199003071232", 19),
    ])
    func wrongLength(raw: String, count: Int) {
        #expect(throws: IDNumberError.wrongLength(count)) { try id(raw) }
    }

    @Test func lengthMessage() {
        #expect(IDNumberError.wrongLength(17).message == "身份证号长度应为 18 位（或旧版 15 位），实为 17 位")
    }

    @Test func emptyInput() {
        #expect(throws: IDNumberError.empty) { try id("") }
        #expect(throws: IDNumberError.empty) { try id(" \u{3000} ") }
    }

    @Test("characters that are not allowed", arguments: [
        ("42010219900307123A", "A"), ("4201021990030712X2", "X"), ("42010219900307123中", "中"),
        ("13050367040100X", "X"), ("420102-99003071232", "-"), ("42010219900307１２３ａ", "a"),
    ])
    func invalidCharacter(raw: String, character: String) {
        #expect(throws: IDNumberError.invalidCharacter(character)) { try id(raw) }
    }

    @Test func genderFollowsTheSeventeenthDigit() throws {
        #expect(try id("420102199003071232").gender == .male)     // 3
        #expect(try id("420102199003071224").gender == .female)   // 2
        #expect(try id("420102202611210018").gender == .male)     // 1
        #expect(try id("11010519491231002X").gender == .female)   // 2
    }

    @Test func maskedEverywhereButValue() throws {
        let number = try id("11010519491231002X")
        #expect(number.masked == "110105********002X")
        #expect(number.description == "110105********002X")
        #expect("\(number)" == "110105********002X")
        #expect(String(reflecting: number) == "IDNumber(110105********002X)")
        var dumped = ""
        dump(number, to: &dumped)
        #expect(!dumped.contains("19491231"))
        #expect(dumped.contains("110105********002X"))
    }
}
