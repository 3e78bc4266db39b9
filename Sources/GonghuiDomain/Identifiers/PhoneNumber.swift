/// A mainland mobile phone number (手机号码): 11 digits starting with 1.
///
/// Personal information: `description`, `debugDescription` and reflection show the masked
/// form; the full number is only in `value`.
public struct PhoneNumber: Hashable, Sendable {
    /// The 11 digits.
    public let value: String

    /// Accepts the number with spaces or dashes anywhere ("138 0013 8000", "138-0013-8000")
    /// and an optional country prefix "+86", "0086" or "86".
    public init(_ raw: String) throws(PhoneNumberError) {
        var text = TextScanning.trimmed(raw)
        if !TextScanning.isASCII(text) { text = Substring(TextScanning.foldingFullWidth(text)) }
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var plus = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.append(UInt8(scalar.value))
            case "-", "\u{2010}", "\u{2013}", "\u{2014}": continue
            case "+" where digits.isEmpty && !plus: plus = true
            default:
                guard TextScanning.isTrimmable(scalar) else { throw .malformed(String(text)) }
            }
        }
        // A "+" may only introduce the country code 86.
        var hadCountryCode = false
        if digits.count == 13 && digits[0] == UInt8(ascii: "8") && digits[1] == UInt8(ascii: "6") {
            digits.removeFirst(2)
            hadCountryCode = true
        } else if digits.count == 15 && !plus && digits.starts(with: "0086".utf8) {
            digits.removeFirst(4)
            hadCountryCode = true
        }
        guard digits.count == 11, digits[0] == UInt8(ascii: "1"), !plus || hadCountryCode else {
            throw .malformed(String(text))
        }
        value = String(decoding: digits, as: UTF8.self)
    }

    /// First 3 and last 4 digits: "138****1234".
    public var masked: String { String(value.prefix(3)) + "****" + value.suffix(4) }
}

extension PhoneNumber: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The masked form.
    public var description: String { masked }
    public var debugDescription: String { "PhoneNumber(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }
}

/// Why a text is not a mobile phone number.
public enum PhoneNumberError: Error, Equatable, Sendable, UserFacingError {
    case malformed(String)

    public var message: String {
        switch self {
        case .malformed(let raw):
            "手机号码格式不正确：“\(raw)”，应为以 1 开头的 11 位数字"
        }
    }
}
