import Foundation

/// Writes an `Encodable` value as JSON bytes in one pass, the same document as the API's
/// `JSONEncoder` (`.withoutEscapingSlashes`): absent optionals left out, `1.0` as `1`, strings
/// escaped alike. An object's keys come in the order the value encodes them (Foundation's on
/// Linux come in hash order, which changes from one run to the next).
///
/// Foundation's encoder first builds a tree of every value and then writes it; for a member's
/// look-up that took as long as the SQL. Values whose encoding needs what a single pass cannot
/// do (nested or super containers, Foundation's own forms of `Data`, `URL`, `Decimal`, numbers
/// that are not finite) make `encode` return nil, and the caller uses `JSONEncoder`.
enum StreamingJSON {
    static func encode<T: Encodable>(_ value: T) -> [UInt8]? {
        let writer = JSONStreamWriter()
        do {
            try writer.value(value)
        } catch {
            return nil
        }
        return writer.failed ? nil : writer.out.bytes
    }
}

final class JSONStreamWriter {
    fileprivate var out = JSONBytes(capacity: 1024)
    /// Set when the value asked for something a single pass cannot write.
    var failed = false
    /// Open containers, innermost last: whether each is an object, and how many members it has.
    fileprivate var open: [(object: Bool, count: Int)] = []

    struct Unsupported: Error {}

    func value<T: Encodable>(_ v: T) throws {
        switch v {
        case let s as String: out.append(string: s)
        case let b as Bool: out.append(b ? "true" : "false")
        case let d as Double: try double(d)
        case let n as any FixedWidthInteger:
            // Every integer type (their own encoding would come back here through the
            // containers' generic `encode`).
            if let small = Int64(exactly: n) { out.append(small) } else { out.append(String(describing: n)) }
        case is Data, is URL, is Decimal, is Date, is Float:
            throw Unsupported()
        default:
            let level = open.count
            let mark = out.bytes.count
            try v.encode(to: StreamEncoder(writer: self, level: level))
            if failed { throw Unsupported() }
            if open.count == level + 1 {
                out.append(byte: open.removeLast().object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            } else if open.count != level {
                throw Unsupported()
            } else if out.bytes.count == mark {
                // A value that encoded nothing is an empty object, as Foundation writes it.
                out.append("{}")
            }
        }
    }

    /// Opens a container for the value being written at `level`, or returns false when that
    /// value already has one (a second `container(keyedBy:)` call gets the same container).
    fileprivate func openContainer(object: Bool, level: Int) -> Bool {
        if open.count == level + 1 {
            if open[level].object != object { failed = true }
            return false
        }
        guard open.count == level else { failed = true; return false }
        open.append((object, 0))
        out.append(byte: object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        return true
    }

    /// Before each member of the innermost container: a comma after the first.
    fileprivate func nextMember(level: Int) {
        guard open.count == level + 1 else { failed = true; return }
        if open[level].count > 0 { out.append(byte: UInt8(ascii: ",")) }
        open[level].count += 1
    }

    fileprivate func key(_ k: String, level: Int) {
        nextMember(level: level)
        out.append(string: k)
        out.append(byte: UInt8(ascii: ":"))
    }

    func string(_ s: String) { out.append(string: s) }

    func integer(_ n: Int64) { out.append(n) }

    func double(_ d: Double) throws {
        guard d.isFinite else { throw Unsupported() }
        var text = d.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(text)
    }

    func null() { out.append("null") }
}

/// JSON text built as bytes: appending to a `String` piece by piece cost more than computing a
/// province's statistics, and Foundation's encoder more than a member's look-up.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []
    private static let hex = Array("0123456789abcdef".utf8)

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ raw: String) { bytes.append(contentsOf: raw.utf8) }
    mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }
    mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func append(_ n: Int) { append(Int64(n)) }

    mutating func append(_ n: Int64) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = n.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        bytes[start...].reverse()
    }

    /// A JSON string literal with quote, backslash and control characters escaped as
    /// Foundation's encoder escapes them (`\n`, `\b`, …, else `\u00XX`).
    mutating func append(string s: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole.
        var text = s
        let plain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain {
            for b in s.utf8 {
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
                case 0..<0x20:
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(Self.hex[Int(b >> 4)]); bytes.append(Self.hex[Int(b & 0xF)])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

private struct StreamEncoder: Encoder {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        _ = writer.openContainer(object: true, level: level)
        return KeyedEncodingContainer(KeyedWriter<Key>(writer: writer, level: level))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = writer.openContainer(object: false, level: level)
        return UnkeyedWriter(writer: writer, level: level)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(writer: writer, level: level) }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { writer.key(key.stringValue, level: level); writer.null() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { writer.key(key.stringValue, level: level); try writer.value(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { writer.key(key.stringValue, level: level); writer.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { writer.key(key.stringValue, level: level); try writer.double(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { writer.key(key.stringValue, level: level); writer.integer(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { writer.key(key.stringValue, level: level); writer.integer(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { writer.key(key.stringValue, level: level); try writer.value(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.failed = true
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, level: level + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.failed = true
        return UnkeyedWriter(writer: writer, level: level + 1)
    }

    mutating func superEncoder() -> any Encoder {
        writer.failed = true
        return StreamEncoder(writer: writer, level: level + 1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { writer.open.count > level ? writer.open[level].count : 0 }

    mutating func encodeNil() throws { writer.nextMember(level: level); writer.null() }
    mutating func encode(_ value: String) throws { writer.nextMember(level: level); writer.string(value) }
    mutating func encode(_ value: Int64) throws { writer.nextMember(level: level); writer.integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { writer.nextMember(level: level); try writer.value(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        writer.failed = true
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, level: level + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.failed = true
        return UnkeyedWriter(writer: writer, level: level + 1)
    }

    mutating func superEncoder() -> any Encoder {
        writer.failed = true
        return StreamEncoder(writer: writer, level: level + 1)
    }
}

private struct SingleWriter: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }

    /// A value that writes a single value has no container; a second one would be invalid.
    private func start() {
        if writer.open.count != level { writer.failed = true }
    }

    mutating func encodeNil() throws { start(); writer.null() }
    mutating func encode(_ value: String) throws { start(); writer.string(value) }
    mutating func encode(_ value: Int64) throws { start(); writer.integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { start(); try writer.value(value) }
}
