/// A unified social credit code (统一社会信用代码, GB 32100-2015) of an employer or union.
///
/// 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY` (I, O, Z, S and V are not used):
/// registration authority, organization category, 6-digit region code, 9-character
/// organization code, check character. Some codes issued in practice fail the check, so a
/// wrong check character is reported through `checkWarning` rather than refused; a wrong
/// length or character is an error.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    /// The 18 characters, upper case.
    public let value: String

    public init(_ raw: String) throws(CreditCodeError) {
        var text = TextScanning.trimmed(raw)
        if !TextScanning.isASCII(text) {
            text = Substring(TextScanning.foldingFullWidth(text))
        }
        guard TextScanning.isASCII(text) else {
            let length = text.count
            guard length == 18 else { throw .wrongLength(length) }
            throw .invalidCharacter(String(text.first { !$0.isASCII }!))
        }
        guard text.utf8.count == 18 else { throw .wrongLength(text.utf8.count) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(18)
        for byte in text.utf8 {
            let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
            guard CreditCode.values[Int(upper)] >= 0 else {
                throw .invalidCharacter(String(UnicodeScalar(upper)))
            }
            bytes.append(upper)
        }
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// The alphabet; a character's value is its position (0…30).
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    /// 3^i mod 31 for positions i = 0…16.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    /// Value of each ASCII byte in the alphabet, −1 if it is not in it.
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    /// The check character for the first 17 characters: check = 31 − (Σ valueᵢ × weightᵢ mod
    /// 31), with 31 written as 0. Nil if a character is outside the upper-case alphabet or there
    /// are not exactly 17 of them.
    public static func checkCharacter(for first17: some StringProtocol) -> Character? {
        var sum = 0
        var count = 0
        for byte in first17.utf8 {
            guard count < 17 else { return nil }
            let value = values[Int(byte)]
            guard value >= 0 else { return nil }
            sum += Int(value) * weights[count]
            count += 1
        }
        guard count == 17 else { return nil }
        let check = (31 - sum % 31) % 31
        return Character(UnicodeScalar(alphabet[check]))
    }

    /// The check character the first 17 characters call for.
    public var expectedCheckCharacter: Character {
        CreditCode.checkCharacter(for: value.prefix(17))!
    }

    /// Whether the 18th character matches the check.
    public var hasValidCheck: Bool { value.last == expectedCheckCharacter }

    /// A warning to show with an accepted code whose check character does not match.
    public var checkWarning: String? {
        let expected = expectedCheckCharacter
        guard let found = value.last, found != expected else { return nil }
        return "统一社会信用代码校验位不符：应为 \(expected)，实为 \(found)（部分真实代码存在此情况，请核对）"
    }

    /// 登记管理部门代码: 1 organs, 5 civil affairs, 9 market regulation, …
    public var registrationAuthority: Character { value.first! }
    /// 机构类别代码, within the registration authority.
    public var organizationCategory: Character { value[value.index(after: value.startIndex)] }
    /// 登记管理机关行政区划码: the 6-digit region code of the registering authority.
    public var regionDigits: String { String(value.dropFirst(2).prefix(6)) }
    /// 主体标识码: the 9-character organization code (组织机构代码).
    public var organizationCode: String { String(value.dropFirst(8).prefix(9)) }

    public var description: String { value }
}

extension CreditCode: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try CreditCode(container.decode(String.self))
        } catch let error as CreditCodeError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Why a text is not a unified social credit code.
public enum CreditCodeError: Error, Equatable, Sendable, UserFacingError {
    /// The number of characters found.
    case wrongLength(Int)
    /// The first character outside the code's alphabet.
    case invalidCharacter(String)

    public var message: String {
        switch self {
        case .wrongLength(let count):
            "统一社会信用代码应为 18 位，实为 \(count) 位"
        case .invalidCharacter(let character):
            "统一社会信用代码含有非法字符：“\(character)”（只能是数字和除 I、O、Z、S、V 以外的大写字母）"
        }
    }
}
