import Foundation
import GonghuiDomain

/// How a number format displays a cell value.
enum DateKind: UInt8 {
    case none, date, dateTime, time

    /// Kinds of the built-in number formats (ECMA-376 18.8.30), including the zh-CN ones
    /// (27–36, 50–58) that Chinese Excel writes by id without defining them.
    static func builtIn(_ id: Int) -> DateKind {
        switch id {
        case 14...17, 27...31, 36, 50...54, 57, 58: .date
        case 22: .dateTime
        case 18...21, 32...35, 45...47, 55, 56: .time
        default: .none
        }
    }

    /// Classifies a custom format code: a date when it shows years, days or (without hours and
    /// seconds) months; a time when it shows only hours, minutes or seconds.
    static func classify(formatCode: String) -> DateKind {
        var hasY = false, hasD = false, hasM = false, hasH = false, hasS = false
        var iterator = formatCode.unicodeScalars.makeIterator()
        var elapsed = false
        scan: while let c = iterator.next() {
            switch c {
            case "\"":
                while let q = iterator.next(), q != "\"" {}
            case "\\", "_", "*":
                _ = iterator.next()
            case "[":
                var inner = ""
                while let q = iterator.next(), q != "]" { inner.unicodeScalars.append(q) }
                let lowered = inner.lowercased()
                if !lowered.isEmpty && lowered.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { elapsed = true }
            case ";":
                break scan
            case "y", "Y": hasY = true
            case "d", "D": hasD = true
            case "m", "M": hasM = true
            case "h", "H": hasH = true
            case "s", "S": hasS = true
            default: break
            }
        }
        if elapsed { return .time }
        let isDate = hasY || hasD || (hasM && !hasH && !hasS)
        if isDate { return hasH || hasS ? .dateTime : .date }
        if hasH || hasS { return .time }
        return .none
    }
}

/// Conversions between Excel serial day numbers and civil dates.
public enum ExcelDate {
    private static let epoch1900 = CivilDate.days(year: 1899, month: 12, day: 30)
    private static let epoch1904 = CivilDate.days(year: 1904, month: 1, day: 1)

    /// The civil date of a whole serial day number. In the 1900 system Excel counts the
    /// non-existent 1900-02-29 (serial 60, kept from Lotus 1-2-3), so serials below 61 are one
    /// day later than a plain count from 1899-12-30; serial 60 itself is returned as 1900-02-29.
    public static func civilDate(serial: Int, date1904: Bool = false) -> (year: Int, month: Int, day: Int) {
        if date1904 { return CivilDate.components(daysSinceEpoch: epoch1904 + serial) }
        if serial == 60 { return (1900, 2, 29) }
        return CivilDate.components(daysSinceEpoch: epoch1900 + (serial < 60 ? serial + 1 : serial))
    }

    /// The serial day number of a civil date (1900 system, dates from 1900-03-01 on exact).
    public static func serial(year: Int, month: Int, day: Int, date1904: Bool = false) -> Int {
        let days = CivilDate.days(year: year, month: month, day: day)
        if date1904 { return days - epoch1904 }
        let serial = days - epoch1900
        return serial < 61 ? serial - 1 : serial
    }

    /// "YYYY-MM-DD" for a serial value (fraction ignored).
    static func isoDate(serial value: Double, date1904: Bool) -> String? {
        guard value.isFinite, value >= 0, value < 2_958_466 else { return nil }
        let date = civilDate(serial: Int(value.rounded(.down)), date1904: date1904)
        return pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
    }

    static func isoTime(fraction: Double) -> String {
        var seconds = Int((fraction * 86_400).rounded())
        seconds = min(max(seconds, 0), 86_399)
        return pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
    }

    /// Parses "YYYY-MM-DD" (also "YYYY/M/D"); nil when not a real date.
    public static func parseISODate(_ text: String) -> (year: Int, month: Int, day: Int)? {
        var fields = (0, 0, 0)
        var counts = (0, 0, 0)
        var field = 0
        for b in text.utf8 {
            if b == UInt8(ascii: "-") || b == UInt8(ascii: "/") {
                field += 1
                guard field < 3 else { return nil }
                continue
            }
            guard b >= 0x30 && b <= 0x39 else { return nil }
            let digit = Int(b - 0x30)
            switch field {
            case 0: fields.0 = fields.0 * 10 + digit; counts.0 += 1
            case 1: fields.1 = fields.1 * 10 + digit; counts.1 += 1
            default: fields.2 = fields.2 * 10 + digit; counts.2 += 1
            }
        }
        let (y, m, d) = fields
        guard field == 2, counts.0 == 4, (1...2).contains(counts.1), (1...2).contains(counts.2),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let back = CivilDate.components(daysSinceEpoch: CivilDate.days(year: y, month: m, day: d))
        guard back.year == y && back.month == m && back.day == d else { return nil }
        return (y, m, d)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Text of numbers as stored in a cell.
enum NumberText {
    /// The display text of a stored number, computed on its decimal digits so nothing is invented:
    /// "13812345678" stays, "1234.50" → "1234.5", "4.201021990030712E+17" → "420102199003071200",
    /// "1.5E-3" → "0.0015". Fractions with more than 15 significant digits are rounded to 15, as
    /// Excel shows them ("0.10000000000000001" → "0.1").
    static func display(_ raw: [UInt8]) -> String {
        var start = 0
        var end = raw.count
        while start < end && raw[start] == 0x20 { start += 1 }
        while end > start && raw[end - 1] == 0x20 { end -= 1 }
        guard start < end else { return "" }
        let original = { String(decoding: raw[start..<end], as: UTF8.self) }
        var i = start
        var negative = false
        if raw[i] == UInt8(ascii: "-") || raw[i] == UInt8(ascii: "+") {
            negative = raw[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var integerCount = 0
        while i < end && raw[i] >= 0x30 && raw[i] <= 0x39 { digits.append(raw[i]); integerCount += 1; i += 1 }
        if i < end && raw[i] == UInt8(ascii: ".") {
            i += 1
            while i < end && raw[i] >= 0x30 && raw[i] <= 0x39 { digits.append(raw[i]); i += 1 }
        }
        guard !digits.isEmpty else { return original() }
        var exponent = 0
        if i < end && (raw[i] == UInt8(ascii: "e") || raw[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < end && (raw[i] == UInt8(ascii: "-") || raw[i] == UInt8(ascii: "+")) {
                expNegative = raw[i] == UInt8(ascii: "-")
                i += 1
            }
            let expStart = i
            while i < end && raw[i] >= 0x30 && raw[i] <= 0x39 && i - expStart < 5 {
                exponent = exponent * 10 + Int(raw[i] - 0x30)
                i += 1
            }
            guard i > expStart else { return original() }
            if expNegative { exponent = -exponent }
        }
        guard i == end else { return original() }

        // Value = 0.digits × 10^point.
        var point = integerCount + exponent
        var leading = 0
        while leading < digits.count && digits[leading] == UInt8(ascii: "0") { leading += 1 }
        digits.removeFirst(leading)
        point -= leading
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        guard !digits.isEmpty else { return "0" }
        var text: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if point >= digits.count {
            guard point <= 40 else { return fallback(original()) }
            text += digits
            text += repeatElement(UInt8(ascii: "0"), count: point - digits.count)
        } else {
            if digits.count > 15 {
                guard let value = Double(original()) else { return original() }
                return display(Array(String(format: "%.15g", value).utf8))
            }
            if point <= 0 {
                guard point > -30 else { return fallback(original()) }
                text += Array("0.".utf8)
                text += repeatElement(UInt8(ascii: "0"), count: -point)
                text += digits
            } else {
                text += digits[..<point]
                text.append(UInt8(ascii: "."))
                text += digits[point...]
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func fallback(_ text: String) -> String {
        guard let value = Double(text) else { return text }
        return "\(value)"
    }

    /// Shortest text that reads back as `value`, without exponent for whole numbers below 1e21.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded() && abs(value) < 1e21 {
            if abs(value) < 9e18 { return String(Int64(value)) }
            return String(format: "%.0f", value)
        }
        return "\(value)"
    }
}
