import Foundation

/// Why a text could not be read as a date.
public enum CivilDateError: Error, Equatable, Sendable, UserFacingError {
    /// Nothing but white space.
    case empty
    /// Not in any accepted layout, or a month or day number that cannot exist in any year.
    case malformed(String)
    /// A well-formed date that does not exist, such as 2023-02-29 or 2026-04-31.
    case impossible(String)

    public var message: String {
        switch self {
        case .empty:
            "日期不能为空"
        case .malformed(let raw):
            "日期格式不正确：“\(raw)”，应为 YYYY-MM-DD"
        case .impossible(let raw):
            "日期不存在：“\(raw)”"
        }
    }
}

extension CivilDate: CustomStringConvertible, LosslessStringConvertible {
    /// The ISO 8601 form, "2026-11-21".
    public var iso: String {
        guard (0...9999).contains(year) else {
            let m = month < 10 ? "0\(month)" : "\(month)"
            let d = day < 10 ? "0\(day)" : "\(day)"
            return "\(year)-\(m)-\(d)"
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            buffer[0] = UInt8(48 + year / 1000)
            buffer[1] = UInt8(48 + year / 100 % 10)
            buffer[2] = UInt8(48 + year / 10 % 10)
            buffer[3] = UInt8(48 + year % 10)
            buffer[4] = 0x2D
            buffer[5] = UInt8(48 + month / 10)
            buffer[6] = UInt8(48 + month % 10)
            buffer[7] = 0x2D
            buffer[8] = UInt8(48 + day / 10)
            buffer[9] = UInt8(48 + day % 10)
            return 10
        }
    }

    /// The compact form used inside ID numbers, "20261121".
    public var compact: String {
        let text = iso
        return String(text.prefix(4)) + text.dropFirst(5).prefix(2) + text.suffix(2)
    }

    /// The Chinese form used in documents, "2026年11月21日".
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    public var description: String { iso }

    /// Reads exactly `YYYY-MM-DD` (ISO 8601's calendar date), as the API exchanges dates: no
    /// other layout, no single-digit month or day, no surrounding space.
    public init(iso text: String) throws(CivilDateError) {
        let b = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for k in r { guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }; v = v * 10 + Int(b[k] - 0x30) }
            return v
        }
        if b.isEmpty { throw .empty }
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { throw .malformed(text) }
        guard (1...12).contains(m), (1...31).contains(d) else { throw .malformed(text) }
        guard let date = CivilDate(year: y, month: m, day: d) else { throw .impossible(text) }
        self = date
    }

    /// Reads any layout `init(parsing:)` accepts.
    public init?(_ description: String) {
        guard let date = try? CivilDate(parsing: description) else { return nil }
        self = date
    }

    /// Reads a date as people and spreadsheets write it.
    ///
    /// Accepted, with surrounding white space: `2026-11-21`, `2026-1-5`, `2026/11/21`,
    /// `2026.11.21`, `20261121`, `2026年11月21日` (the final 日 may be left out), and an Excel
    /// serial day number of exactly five digits (`45000`, or `45000.0` as some exports write a
    /// number cell). Five digits cover 1927-05-18…2173-10-14, so an eight-digit `20261121` is
    /// always read as year-month-day. Full-width digits and separators are accepted.
    public init(parsing raw: String) throws(CivilDateError) {
        let text = TextScanning.trimmed(raw)
        if text.isEmpty { throw .empty }

        // Up to three digit groups and the separators after each of them.
        var v0 = 0, v1 = 0, v2 = 0
        var n0 = 0, n1 = 0, n2 = 0
        var s0: UInt32 = 0, s1: UInt32 = 0, s2: UInt32 = 0
        var group = 0
        var value = 0
        var digits = 0
        var trailingSeparator = false

        for scalar in text.unicodeScalars {
            var code = scalar.value
            if code >= 0xFF01 && code <= 0xFF5E { code -= 0xFEE0 }  // full-width ASCII
            if code >= 0x30 && code <= 0x39 {
                guard !trailingSeparator, digits < 9 else { throw .malformed(String(text)) }
                value = value * 10 + Int(code - 0x30)
                digits += 1
                continue
            }
            // A separator must follow a digit group; only "日" may end the text.
            guard digits > 0, !trailingSeparator else { throw .malformed(String(text)) }
            switch group {
            case 0: (v0, n0, s0) = (value, digits, code)
            case 1: (v1, n1, s1) = (value, digits, code)
            case 2:
                (v2, n2, s2) = (value, digits, code)
                trailingSeparator = true
            default: throw .malformed(String(text))
            }
            group += 1
            value = 0
            digits = 0
        }
        if digits > 0 {
            switch group {
            case 0: (v0, n0) = (value, digits)
            case 1: (v1, n1) = (value, digits)
            case 2: (v2, n2) = (value, digits)
            default: throw .malformed(String(text))
            }
            group += 1
        }

        let year: Int, month: Int, day: Int
        let dot: UInt32 = 0x2E
        switch group {
        case 1 where n0 == 8 && s0 == 0:
            (year, month, day) = (v0 / 10_000, v0 / 100 % 100, v0 % 100)
        case 1 where n0 == 5 && s0 == 0:
            self.init(excelSerial: v0)
            return
        case 2 where n0 == 5 && s0 == dot && v1 == 0 && s1 == 0:
            self.init(excelSerial: v0)
            return
        case 3 where n0 == 4 && (1...2).contains(n1) && (1...2).contains(n2):
            let dashLike = (s0 == 0x2D || s0 == 0x2F || s0 == dot) && s1 == s0 && s2 == 0
            let chinese = s0 == 0x5E74 && s1 == 0x6708 && (s2 == 0 || s2 == 0x65E5)  // 年 月 日
            guard dashLike || chinese else { throw .malformed(String(text)) }
            (year, month, day) = (v0, v1, v2)
        default:
            throw .malformed(String(text))
        }
        guard year >= 1, (1...12).contains(month), (1...31).contains(day) else {
            throw .malformed(String(text))
        }
        guard day <= CivilDate.daysIn(month: month, year: year) else {
            throw .impossible(String(text))
        }
        self.init(unchecked: year, month, day)
    }
}

extension CivilDate: Codable {
    /// Decodes the "YYYY-MM-DD" string (any layout `init(parsing:)` accepts).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CivilDate(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as the "YYYY-MM-DD" string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
