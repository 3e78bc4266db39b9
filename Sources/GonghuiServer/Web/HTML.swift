import Foundation

/// A fragment of HTML. Built from string literals whose interpolated `String`s are escaped, so
/// text from the database can only ever appear as text; other fragments are inserted as they
/// are. There is deliberately no interpolation for arbitrary values: a number or a date must be
/// turned into text on purpose.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    var raw: String

    init(raw: String) { self.raw = raw }
    init(stringLiteral value: String) { raw = value }
    init(stringInterpolation: StringInterpolation) { raw = stringInterpolation.out }

    static let empty = HTML(raw: "")

    struct StringInterpolation: StringInterpolationProtocol {
        var out: String
        init(literalCapacity: Int, interpolationCount: Int) {
            out = ""
            out.reserveCapacity(literalCapacity + interpolationCount * 16)
        }
        mutating func appendLiteral(_ literal: String) { out += literal }
        mutating func appendInterpolation(_ text: String) { HTML.escape(text, into: &out) }
        mutating func appendInterpolation(_ text: String?) { if let text { HTML.escape(text, into: &out) } }
        mutating func appendInterpolation(_ text: Substring) { HTML.escape(String(text), into: &out) }
        mutating func appendInterpolation(_ html: HTML) { out += html.raw }
        mutating func appendInterpolation(_ html: HTML?) { if let html { out += html.raw } }
        mutating func appendInterpolation(_ list: [HTML]) { for h in list { out += h.raw } }
        mutating func appendInterpolation(_ n: Int) { out += String(n) }
        mutating func appendInterpolation(_ n: Int64) { out += String(n) }
    }

    /// Escapes the five characters that matter in text and in quoted attribute values.
    static func escape(_ s: String, into out: inout String) {
        var needs = false
        for b in s.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 { needs = true; break }
        if !needs { out += s; return }
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        escape(s, into: &out)
        return out
    }

    static func + (a: HTML, b: HTML) -> HTML { HTML(raw: a.raw + b.raw) }
    static func += (a: inout HTML, b: HTML) { a.raw += b.raw }

    /// Joins fragments.
    static func join(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        HTML(raw: parts.map(\.raw).joined(separator: separator.raw))
    }
}

/// Builds URLs for links: path segments and query values are percent-encoded, then the whole
/// URL is escaped again by `HTML` when it is put into an attribute.
enum URLText {
    static let unreserved: CharacterSet = {
        var s = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        s.insert(charactersIn: "-._~")
        return s
    }()

    static func component(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `path?k=v&…`, leaving out empty values.
    static func with(_ path: String, _ query: [(String, String?)]) -> String {
        let parts = query.compactMap { k, v -> String? in
            guard let v, !v.isEmpty else { return nil }
            return "\(k)=\(component(v))"
        }
        return parts.isEmpty ? path : path + "?" + parts.joined(separator: "&")
    }
}
