import Foundation
import Synchronization

/// The order people look for names in (按拼音排序): by the pinyin of each character, the way a
/// Chinese dictionary or a roll call orders them — 丁 (ding), 上官 (shang guan), 万 (wan) — not
/// by code point (丁, 万, 上官). A name's key is its characters' pinyin without tones, separated
/// by spaces; names that read alike are then ordered by the name itself.
///
/// Each character's pinyin comes from the platform's Han-to-Latin transliteration once and is
/// kept, so a key costs about a microsecond: cheap enough for every member of an import.
public enum NameOrder {
    /// Raised whenever `key` would give another key for a name: the store then computes every
    /// member's key again.
    public static let version = 1

    private static let readings = Mutex<[Character: String]>([:])

    /// Surnames read otherwise than the character's usual reading (曾 is Zeng as a surname, not
    /// ceng; 单 is Shan), compound ones first.
    static let surnames: [(String, [String])] = [
        ("万俟", ["mo", "qi"]), ("尉迟", ["yu", "chi"]), ("单于", ["chan", "yu"]), ("长孙", ["zhang", "sun"]), ("澹台", ["tan", "tai"]),
        ("曾", ["zeng"]), ("单", ["shan"]), ("仇", ["qiu"]), ("解", ["xie"]), ("查", ["zha"]), ("区", ["ou"]), ("朴", ["piao"]),
        ("覃", ["qin"]), ("乐", ["yue"]), ("缪", ["miao"]), ("翟", ["zhai"]), ("盖", ["ge"]), ("召", ["shao"]), ("秘", ["bi"]),
        ("员", ["yun"]), ("种", ["chong"]), ("重", ["chong"]), ("繁", ["po"]), ("折", ["she"]), ("藏", ["zang"]), ("柏", ["bai"]),
        ("贾", ["jia"]), ("莘", ["shen"]), ("尉", ["yu"]), ("祭", ["zhai"]), ("能", ["nai"]), ("相", ["xiang"]),
    ]

    public static func key(_ name: String) -> String {
        var parts: [String] = []
        parts.reserveCapacity(name.count)
        var rest = Substring(name.trimmingCharacters(in: .whitespaces))
        if let (surname, readings) = surnames.first(where: { rest.hasPrefix($0.0) }) {
            parts += readings
            rest = rest.dropFirst(surname.count)
        }
        for ch in rest {
            if let known = readings.withLock({ $0[ch] }) {
                parts.append(known)
                continue
            }
            let reading = Self.reading(ch)
            readings.withLock { $0[ch] = reading }
            parts.append(reading)
        }
        return parts.joined(separator: " ")
    }

    /// One character's key: a Han character's pinyin in lower case without tone marks, a letter
    /// in lower case, anything else as it is.
    static func reading(_ ch: Character) -> String {
        let text = String(ch)
        guard ch.unicodeScalars.contains(where: { $0.properties.isIdeographic }) else { return text.lowercased() }
        let latin = text.applyingTransform(.toLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false)
        return (latin ?? text).lowercased().trimmingCharacters(in: .whitespaces)
    }
}
