/// A strict JSON reader (RFC 8259) for request bodies, straight from bytes to ``JSONValue``.
///
/// Foundation's decoder reached a `JSONValue` by trying each kind in turn through `Decodable`;
/// for a look-up's one-field body that cost as much as the SQL. As with that decoder, a number
/// with an integral value that fits 64 bits is `.int` (`3`, `3.0`, `1e3`), any other `.double`,
/// a key given twice is refused (``Failure/duplicateKey``), and nesting deeper than `maxDepth`
/// is refused.
struct JSONParser {
    struct Failure: Error {
        let offset: Int
        /// Set when the document is well-formed but names a key twice in one object.
        var duplicateKey: String? = nil
    }

    static let maxDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ bytes: some Collection<UInt8>) throws(Failure) -> JSONValue {
        let result: Result<JSONValue, Failure>? = bytes.withContiguousStorageIfAvailable { buffer in
            var p = JSONParser(buffer)
            return Result { () throws(Failure) -> JSONValue in try p.document() }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes))
    }

    private mutating func document() throws(Failure) -> JSONValue {
        let v = try value(depth: 0)
        skipSpace()
        guard i == bytes.count else { throw Failure(offset: i) }
        return v
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maxDepth else { throw Failure(offset: i) }
        skipSpace()
        guard i < bytes.count else { throw Failure(offset: i) }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw Failure(offset: i)
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw Failure(offset: i) }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw Failure(offset: i + k) }
        i += n
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        i += 1
        var fields: [String: JSONValue] = [:]
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw Failure(offset: i) }
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw Failure(offset: i) }
            i += 1
            let v = try value(depth: depth + 1)
            // A key given twice is refused: which one a reader keeps differs between parsers,
            // and a proxy and this server could then each see another value.
            guard fields.updateValue(v, forKey: key) == nil else { throw Failure(offset: i, duplicateKey: key) }
            skipSpace()
            guard i < bytes.count else { throw Failure(offset: i) }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "}") else { throw Failure(offset: i) }
            i += 1
            return .object(fields)
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw Failure(offset: i) }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "]") else { throw Failure(offset: i) }
            i += 1
            return .array(items)
        }
    }

    /// A string literal starting at the opening quote. Raw bytes must be valid UTF-8 and no
    /// control character; escapes include `\u` pairs for characters beyond the BMP.
    private mutating func string() throws(Failure) -> String {
        i += 1
        let start = i
        // The common case: no escape, all in one run.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[start..<i])
                i += 1
                guard let s = String(validating: run, as: UTF8.self) else { throw Failure(offset: start) }
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            guard b >= 0x20 else { throw Failure(offset: i) }
            i += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw Failure(offset: start) }
                return s
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else { throw Failure(offset: i) }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one.
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { throw Failure(offset: i) }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw Failure(offset: i) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw Failure(offset: i)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw Failure(offset: i) }
                    out.append(contentsOf: String(Character(u)).utf8)
                default: throw Failure(offset: i - 1)
                }
            default:
                guard b >= 0x20 else { throw Failure(offset: i) }
                out.append(b)
                i += 1
            }
        }
        throw Failure(offset: i)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= bytes.count else { throw Failure(offset: i) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw Failure(offset: i)
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { throw Failure(offset: i) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            guard (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[i]) else { throw Failure(offset: i) }
            digits()
        }
        var integral = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw Failure(offset: i) }
            digits()
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw Failure(offset: i) }
            digits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        if integral, let n = Int64(text) { return .int(n) }
        guard let d = Double(text), d.isFinite else { throw Failure(offset: start) }
        if d.rounded() == d, abs(d) < 9.2e18 { return .int(Int64(d)) }
        return .double(d)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func digits() {
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    }
}
