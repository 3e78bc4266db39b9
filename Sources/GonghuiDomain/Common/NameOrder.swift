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
    private static let readings = Mutex<[Character: String]>([:])

    public static func key(_ name: String) -> String {
        var parts: [String] = []
        parts.reserveCapacity(name.count)
        for ch in name.trimmingCharacters(in: .whitespaces) {
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
