import Foundation

/// A citizen identity number (居民身份证号码, GB 11643-1999), also used by the residence permits
/// of Hong Kong, Macao and Taiwan residents (港澳台居民居住证, address codes 810000, 820000,
/// 830000).
///
/// Layout: 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd for men),
/// check character (ISO 7064 MOD 11-2). It is sensitive personal information (个人信息保护法
/// art. 28): `description`, `debugDescription` and reflection show only the masked form, so the
/// full number reaches a log or page only through an explicit `value`.
public struct IDNumber: Hashable, Sendable {
    /// The normalized 18-character number, with an upper-case X.
    public let value: String
    /// The birth date encoded in digits 7–14.
    public let birthDate: CivilDate

    /// Validates and normalizes a number as typed or imported.
    ///
    /// Surrounding white space (including full-width spaces) is dropped, full-width digits are
    /// read as digits and a lower-case x as X. A legacy 15-digit number (birth year in two
    /// digits, no check character) is converted to 18 digits by inserting "19" after the
    /// address code and appending the computed check character. Only the province part of the
    /// address code is checked: the address code is where the person first registered, so
    /// codes of regions that no longer exist stay valid.
    ///
    /// - Parameter today: the birth date must not be later than this.
    public init(_ raw: String, today: CivilDate = .today()) throws(IDNumberError) {
        var text = TextScanning.trimmed(raw)
        guard !text.isEmpty else { throw .empty }
        var ascii = TextScanning.isASCII(text)
        if !ascii {
            text = Substring(TextScanning.foldingFullWidth(text))
            ascii = TextScanning.isASCII(text)
        }
        let length = ascii ? text.utf8.count : text.count
        guard length == 18 || length == 15 else { throw .wrongLength(length) }
        if !ascii {
            // Some character is not a digit at all; name the first one.
            let bad = text.first { !($0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x")) }!
            throw .invalidCharacter(String(bad))
        }

        // One pass over the bytes, in the positions of the 18-digit form.
        var sum = 0
        var province = 0
        var birth = 0
        var position = 0
        var found: UInt8 = 0
        var lowerCaseX = false
        for (offset, byte) in text.utf8.enumerated() {
            let isDigit = byte >= 0x30 && byte <= 0x39
            if length == 18 && offset == 17 {
                if isDigit || byte == 0x58 {
                    found = byte
                } else if byte == 0x78 {
                    found = 0x58
                    lowerCaseX = true
                } else {
                    throw .invalidCharacter(String(UnicodeScalar(byte)))
                }
                break
            }
            guard isDigit else { throw .invalidCharacter(String(UnicodeScalar(byte))) }
            if length == 15 && offset == 6 {
                // The century "19" of a legacy number.
                birth = 19
                sum += 1 * IDNumber.weights[6] + 9 * IDNumber.weights[7]
                position = 8
            }
            let digit = Int(byte &- 0x30)
            if position < 2 { province = province * 10 + digit }
            if position >= 6 && position < 14 { birth = birth * 10 + digit }
            sum += digit * IDNumber.weights[position]
            position += 1
        }

        guard ProvinceCodes.isIDNumberProvince(province) else {
            throw .unknownProvince(String(text.prefix(2)))
        }
        let birthText = IDNumber.eightDigits(birth)
        guard let born = CivilDate(year: birth / 10_000, month: birth / 100 % 100, day: birth % 100) else {
            throw .impossibleBirthDate(birthText)
        }
        guard born.year >= 1900 else { throw .birthDateTooEarly(birthText) }
        guard born <= today else { throw .birthDateInFuture(birthText) }

        let expected = IDNumber.checkBytes[sum % 11]
        if length == 18 {
            guard found == expected else {
                throw .badCheckCharacter(expected: Character(UnicodeScalar(expected)),
                                         found: Character(UnicodeScalar(found)))
            }
            value = lowerCaseX ? String(text.dropLast()) + "X" : String(text)
        } else {
            value = String(text.prefix(6)) + "19" + text.dropFirst(6)
                + String(UnicodeScalar(expected))
        }
        birthDate = born
    }

    // MARK: Check character (ISO 7064 MOD 11-2)

    /// 2^(17−i) mod 11 for positions i = 0…16.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each value of S mod 11.
    static let checkBytes: [UInt8] = Array("10X98765432".utf8)

    /// The check character for the first 17 digits: S = Σ digitᵢ × weightᵢ, and S mod 11 =
    /// 0…10 gives 1 0 X 9 8 7 6 5 4 3 2.
    ///
    /// - Precondition: `first17` is 17 ASCII digits.
    public static func checkCharacter(for first17: some StringProtocol) -> Character {
        var sum = 0
        var count = 0
        for byte in first17.utf8 {
            precondition(byte >= 0x30 && byte <= 0x39 && count < 17,
                         "IDNumber.checkCharacter needs 17 ASCII digits")
            sum += Int(byte - 0x30) * weights[count]
            count += 1
        }
        precondition(count == 17, "IDNumber.checkCharacter needs 17 ASCII digits")
        return Character(UnicodeScalar(checkBytes[sum % 11]))
    }

    private static func eightDigits(_ number: Int) -> String {
        let text = String(number)
        return text.count >= 8 ? text : String(repeating: "0", count: 8 - text.count) + text
    }

    // MARK: Parts

    /// The 6-digit address code (where the person first registered).
    public var addressCode: String { String(value.prefix(6)) }

    /// The province-level code: the first two digits and "0000".
    public var provinceCode: String { String(value.prefix(2)) + "0000" }

    /// Odd 17th digit for men, even for women.
    public var gender: Gender {
        let utf8 = value.utf8
        let digit = utf8[utf8.index(utf8.startIndex, offsetBy: 16)] &- 0x30
        return digit % 2 == 1 ? .male : .female
    }

    /// Whether this is a Hong Kong, Macao or Taiwan residence permit (港澳台居民居住证).
    public var isResidencePermit: Bool {
        value.hasPrefix("81") || value.hasPrefix("82") || value.hasPrefix("83")
    }

    /// Completed years of age on `date`.
    public func age(on date: CivilDate) -> Int { birthDate.age(on: date) }

    /// First 6 and last 4 characters, the rest as asterisks: "420102********123X".
    public var masked: String { String(value.prefix(6)) + "********" + value.suffix(4) }

    public static func == (lhs: IDNumber, rhs: IDNumber) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension IDNumber: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The masked form: an ID number never reaches a log by accident.
    public var description: String { masked }
    public var debugDescription: String { "IDNumber(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }
}

/// Why a text is not a valid ID number.
public enum IDNumberError: Error, Equatable, Sendable, UserFacingError {
    case empty
    /// The number of characters found.
    case wrongLength(Int)
    /// The first character that is not allowed where it stands.
    case invalidCharacter(String)
    case badCheckCharacter(expected: Character, found: Character)
    /// The eight birth-date digits (YYYYMMDD; "19" prefixed for a 15-digit number).
    case impossibleBirthDate(String)
    case birthDateInFuture(String)
    case birthDateTooEarly(String)
    /// The first two digits.
    case unknownProvince(String)

    public var message: String {
        switch self {
        case .empty:
            "身份证号不能为空"
        case .wrongLength(let count):
            "身份证号长度应为 18 位（或旧版 15 位），实为 \(count) 位"
        case .invalidCharacter(let character):
            "身份证号含有非法字符：“\(character)”（只能是数字，第 18 位可为 X）"
        case .badCheckCharacter(let expected, let found):
            "身份证号校验位错误：应为 \(expected)，实为 \(found)"
        case .impossibleBirthDate(let date):
            "身份证号出生日期不存在：\(date)"
        case .birthDateInFuture(let date):
            "身份证号出生日期晚于今天：\(date)"
        case .birthDateTooEarly(let date):
            "身份证号出生日期早于 1900 年：\(date)"
        case .unknownProvince(let code):
            "身份证号前两位“\(code)”不是有效的省级行政区划代码"
        }
    }
}
