/// Local names of the SpreadsheetML elements the readers act on; everything else is `.other`.
enum XMLName: UInt8 {
    case other
    case row, c, v, `is`, t, r, rPh, f, si, sheetData
    case sheet, workbookPr, relationship
    case numFmt, xf, cellXfs

    init(_ p: UnsafePointer<UInt8>, _ n: Int) {
        func eq(_ s: StaticString) -> Bool {
            s.utf8CodeUnitCount == n && memcmp(p, s.utf8Start, n) == 0
        }
        switch n {
        case 1:
            switch p[0] {
            case UInt8(ascii: "c"): self = .c
            case UInt8(ascii: "v"): self = .v
            case UInt8(ascii: "t"): self = .t
            case UInt8(ascii: "r"): self = .r
            case UInt8(ascii: "f"): self = .f
            default: self = .other
            }
        case 2:
            self = eq("is") ? .is : eq("si") ? .si : eq("xf") ? .xf : .other
        case 3:
            self = eq("row") ? .row : eq("rPh") ? .rPh : .other
        case 5:
            self = eq("sheet") ? .sheet : .other
        case 6:
            self = eq("numFmt") ? .numFmt : .other
        case 7:
            self = eq("cellXfs") ? .cellXfs : .other
        case 9:
            self = eq("sheetData") ? .sheetData : .other
        case 10:
            self = eq("workbookPr") ? .workbookPr : .other
        case 12:
            self = eq("Relationship") ? .relationship : .other
        default:
            self = .other
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Growable storage of plain values behind a raw pointer: no copy-on-write and no exclusivity
/// bookkeeping in hot loops. The owner frees it with `deallocate()`.
struct RawStore<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = value
        count += 1
    }

    mutating func append(_ values: UnsafePointer<Element>, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).update(from: values, count: n)
        count += n
    }

    mutating func append(_ values: UnsafeBufferPointer<Element>) {
        guard let start = values.baseAddress else { return }
        append(start, count: values.count)
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}

/// A small, fast, pull-style XML tokenizer for the parts of an XLSX package.
///
/// It reports start and end tags by local name (namespace prefixes dropped), attributes by local
/// name, and text with entities and line ends resolved. Comments, processing instructions and
/// DOCTYPE are skipped; CDATA is text. It does not validate. Pulling lets `TableReader` parse a
/// worksheet row by row as rows are asked for, which a callback parser cannot do. Hot paths copy
/// the state they touch into locals, so the per-byte loops carry no dynamic exclusivity checks.
final class XMLPullParser {
    enum Event: Equatable {
        case start(XMLName)
        case end(XMLName)
        case text
        case eof
    }

    private struct AttributeSpan {
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    private let source: any ByteSource
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var position = 0
    private var end = 0
    private var sourceEOF = false
    private var consumedBefore: Int64 = 0
    private var pendingEnd: XMLName?

    /// When false, text between tags is skipped without being copied.
    var captureText = false
    /// True when the last `.start` was an empty-element tag (`<c/>`); its `.end` follows.
    private(set) var isEmptyElement = false

    private var textStore = RawStore<UInt8>(capacity: 256)
    /// Local names and resolved values of the last `.start` event's attributes, back to back.
    private var attributeBytes = RawStore<UInt8>(capacity: 256)
    private var attributeSpans = RawStore<AttributeSpan>(capacity: 16)

    init(source: any ByteSource, chunkSize: Int = 256 << 10) {
        self.source = source
        capacity = chunkSize
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        textStore.deallocate()
        attributeBytes.deallocate()
        attributeSpans.deallocate()
    }

    /// Bytes of the document consumed so far.
    var bytesConsumed: Int64 { consumedBefore + Int64(position) }
    var totalBytes: Int64? { source.totalBytes }

    /// Text of the last `.text` event (UTF-8, entities resolved); valid until the next call to `next()`.
    var text: UnsafeBufferPointer<UInt8> { textStore.buffer }

    // MARK: Attributes

    /// The value bytes of the attribute with this local name; valid until the next call to `next()`.
    func attributeValue(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let n = name.utf8CodeUnitCount
        let spans = attributeSpans
        let bytes = attributeBytes.base
        for i in 0..<spans.count {
            let span = spans.base[i]
            if span.nameEnd - span.nameStart == n && memcmp(bytes + span.nameStart, name.utf8Start, n) == 0 {
                return UnsafeBufferPointer(start: bytes + span.valueStart, count: span.valueEnd - span.valueStart)
            }
        }
        return nil
    }

    func attribute(_ name: StaticString) -> String? {
        attributeValue(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of the attribute value, if present.
    func withAttribute<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        attributeValue(name).map(body)
    }

    /// A non-negative decimal integer attribute.
    func integerAttribute(_ name: StaticString) -> Int? {
        guard let bytes = attributeValue(name), !bytes.isEmpty, bytes.count < 19 else { return nil }
        var value = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    // MARK: Events

    func next() throws(FileError) -> Event {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name)
        }
        while true {
            if position >= end {
                if try !readMore() { return .eof }
                continue
            }
            if buffer[position] != UInt8(ascii: "<") {
                if captureText {
                    try collectText()
                    return .text
                }
                try skipText()
                continue
            }
            while true {
                if let result = parseMarkupInBuffer() {
                    if let event = try result.get() { return event }
                    break
                }
                if try !readMore() {
                    throw FileError.notAnXLSX("XML 文档不完整")
                }
            }
        }
    }

    /// Skips to the end of the element whose `.start` was just returned.
    func skipElement() throws(FileError) {
        if isEmptyElement {
            _ = try next()
            return
        }
        let saved = captureText
        captureText = false
        defer { captureText = saved }
        var depth = 1
        while depth > 0 {
            switch try next() {
            case .start: if isEmptyElement { _ = try next() } else { depth += 1 }
            case .end: depth -= 1
            case .text: break
            case .eof: return
            }
        }
    }

    // MARK: Buffer

    /// Keeps the unread bytes, reads more behind them; false when the document is exhausted.
    private func readMore() throws(FileError) -> Bool {
        let pending = end - position
        if position > 0 {
            if pending > 0 { buffer.update(from: buffer + position, count: pending) }
            consumedBefore += Int64(position)
            position = 0
            end = pending
        }
        if sourceEOF { return false }
        if capacity - end < 4096 {
            guard capacity < 64 << 20 else { throw FileError.notAnXLSX("XML 标记过长") }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if n == 0 {
            sourceEOF = true
            return false
        }
        end += n
        return true
    }

    private func collectText() throws(FileError) {
        var store = textStore
        defer { textStore = store }
        store.count = 0
        var raw: [UInt8] = []
        var usedRaw = false
        while true {
            let buf = buffer
            let limit = end
            var k = position
            while k < limit && buf[k] != UInt8(ascii: "<") { k += 1 }
            let segment = UnsafeBufferPointer(start: buf + position, count: k - position)
            position = k
            if k < limit {
                if usedRaw {
                    raw.append(contentsOf: segment)
                    raw.withUnsafeBufferPointer { Self.appendResolved($0, to: &store) }
                } else {
                    Self.appendResolved(segment, to: &store)
                }
                return
            }
            // The text runs past the buffer: keep it raw so an entity cut in two still resolves.
            raw.append(contentsOf: segment)
            usedRaw = true
            if try !readMore() {
                raw.withUnsafeBufferPointer { Self.appendResolved($0, to: &store) }
                return
            }
        }
    }

    private func skipText() throws(FileError) {
        while true {
            let buf = buffer
            let limit = end
            var k = position
            while k < limit && buf[k] != UInt8(ascii: "<") { k += 1 }
            position = k
            if k < limit { return }
            if try !readMore() { return }
        }
    }

    private static func find(_ pattern: StaticString, in buf: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        let n = pattern.utf8CodeUnitCount
        let p = pattern.utf8Start
        var i = start
        while i + n <= end {
            if buf[i] == p[0] && memcmp(buf + i, p, n) == 0 { return i }
            i += 1
        }
        return nil
    }

    /// Parses the markup at `position` (which is `<`). Returns nil when it is not complete within
    /// the buffer, `.success(nil)` for skipped constructs.
    private func parseMarkupInBuffer() -> Result<Event?, FileError>? {
        let start = position
        guard start + 1 < end else { return nil }
        switch buffer[start + 1] {
        case UInt8(ascii: "?"), UInt8(ascii: "!"): return parseDeclarationInBuffer(at: start)
        case UInt8(ascii: "/"): return parseEndTagInBuffer(at: start)
        default: return parseStartTagInBuffer(at: start)
        }
    }

    /// `<?…?>`, `<!--…-->` and `<!…>` are skipped; `<![CDATA[…]]>` is text.
    private func parseDeclarationInBuffer(at start: Int) -> Result<Event?, FileError>? {
        let buf = buffer
        let end = self.end
        let atEOF = sourceEOF
        func hasPrefix(_ pattern: StaticString) -> Bool? {
            let n = pattern.utf8CodeUnitCount
            if start + n > end { return atEOF ? false : nil }
            return memcmp(buf + start, pattern.utf8Start, n) == 0
        }
        if buf[start + 1] == UInt8(ascii: "?") {
            guard let close = Self.find("?>", in: buf, from: start + 2, to: end) else { return nil }
            position = close + 2
            return .success(nil)
        }
        guard let isComment = hasPrefix("<!--") else { return nil }
        if isComment {
            guard let close = Self.find("-->", in: buf, from: start + 4, to: end) else { return nil }
            position = close + 3
            return .success(nil)
        }
        guard let isCDATA = hasPrefix("<![CDATA[") else { return nil }
        if isCDATA {
            guard let close = Self.find("]]>", in: buf, from: start + 9, to: end) else { return nil }
            position = close + 3
            guard captureText else { return .success(nil) }
            textStore.count = 0
            textStore.append(buf + start + 9, count: close - start - 9)
            return .success(.text)
        }
        guard let close = Self.find(">", in: buf, from: start + 2, to: end) else { return nil }
        position = close + 1
        return .success(nil)
    }

    /// `</name>`, by its local name.
    private func parseEndTagInBuffer(at start: Int) -> Result<Event?, FileError>? {
        let buf = buffer
        let end = self.end
        var i = start + 2
        let nameStart = i
        var localStart = i
        while i < end {
            let b = buf[i]
            if b == UInt8(ascii: ">") || Self.isSpace(b) { break }
            if b == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        guard i < end, i > nameStart else { return nil }
        let name = XMLName(buf + localStart, i - localStart)
        while i < end && buf[i] != UInt8(ascii: ">") { i += 1 }
        guard i < end else { return nil }
        position = i + 1
        return .success(.end(name))
    }

    /// `<name a="v" …>` or `<name …/>`, its attributes kept by local name with references resolved.
    private func parseStartTagInBuffer(at start: Int) -> Result<Event?, FileError>? {
        let buf = buffer
        let end = self.end
        var i = start + 1
        var localStart = i
        while i < end {
            let b = buf[i]
            if b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || Self.isSpace(b) { break }
            if b == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        guard i < end else { return nil }
        let name = XMLName(buf + localStart, i - localStart)
        var bytes = attributeBytes
        var spans = attributeSpans
        defer {
            attributeBytes = bytes
            attributeSpans = spans
        }
        bytes.count = 0
        spans.count = 0
        var empty = false
        while true {
            while i < end && Self.isSpace(buf[i]) { i += 1 }
            guard i < end else { return nil }
            let b = buf[i]
            if b == UInt8(ascii: ">") { i += 1; break }
            if b == UInt8(ascii: "/") {
                guard i + 1 < end else { return nil }
                empty = true
                i += 2
                break
            }
            switch Self.parseAttribute(buf, end: end, at: &i, bytes: &bytes, spans: &spans) {
            case nil: return nil
            case .failure(let error): return .failure(error)
            case .success: continue
            }
        }
        position = i
        isEmptyElement = empty
        if empty { pendingEnd = name }
        return .success(.start(name))
    }

    /// One attribute `name="value"` (or `'value'`) at `i`, appended to `bytes` and `spans`, with
    /// `i` left after it. A bare name is not XML; it is skipped rather than failing the whole
    /// file. Nil when the attribute is not complete within the buffer.
    @inline(__always)
    private static func parseAttribute(_ buf: UnsafeMutablePointer<UInt8>, end: Int, at i: inout Int, bytes: inout RawStore<UInt8>,
                                       spans: inout RawStore<AttributeSpan>) -> Result<Void, FileError>? {
        var attrLocal = i
        while i < end {
            let c = buf[i]
            if c == UInt8(ascii: "=") || isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") { break }
            if c == UInt8(ascii: ":") { attrLocal = i + 1 }
            i += 1
        }
        let attrEnd = i
        while i < end && isSpace(buf[i]) { i += 1 }
        guard i < end else { return nil }
        guard buf[i] == UInt8(ascii: "=") else {
            if buf[i] == UInt8(ascii: ">") || buf[i] == UInt8(ascii: "/") { return .success(()) }
            return .failure(FileError.notAnXLSX("XML 属性格式错误"))
        }
        i += 1
        while i < end && isSpace(buf[i]) { i += 1 }
        guard i < end else { return nil }
        let quote = buf[i]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            return .failure(FileError.notAnXLSX("XML 属性值缺少引号"))
        }
        i += 1
        let valueStart = i
        while i < end && buf[i] != quote { i += 1 }
        guard i < end else { return nil }
        let nameLower = bytes.count
        bytes.append(buf + attrLocal, count: attrEnd - attrLocal)
        let valueLower = bytes.count
        appendResolved(UnsafeBufferPointer(start: buf + valueStart, count: i - valueStart), to: &bytes)
        spans.append(AttributeSpan(nameStart: nameLower, nameEnd: valueLower, valueStart: valueLower, valueEnd: bytes.count))
        i += 1
        return .success(())
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    // MARK: Entities

    /// Appends `source` with character and entity references resolved and CR/CRLF turned into LF.
    static func appendResolved(_ source: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var store = RawStore<UInt8>(capacity: source.count)
        defer { store.deallocate() }
        appendResolved(source, to: &store)
        out.append(contentsOf: store.buffer)
    }

    static func appendResolved(_ source: UnsafeBufferPointer<UInt8>, to out: inout RawStore<UInt8>) {
        let n = source.count
        var i = 0
        var runStart = 0
        while i < n {
            let b = source[i]
            if b != UInt8(ascii: "&") && b != 0x0D {
                i += 1
                continue
            }
            if i > runStart { out.append(UnsafeBufferPointer(rebasing: source[runStart..<i])) }
            if b == 0x0D {
                out.append(0x0A)
                i += (i + 1 < n && source[i + 1] == 0x0A) ? 2 : 1
                runStart = i
                continue
            }
            var semicolon = i + 1
            while semicolon < n && semicolon - i <= 12 && source[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < n && source[semicolon] == UInt8(ascii: ";") else {
                out.append(b)
                i += 1
                runStart = i
                continue
            }
            let name = UnsafeBufferPointer(rebasing: source[(i + 1)..<semicolon])
            if let scalar = resolveEntity(name) {
                appendUTF8(scalar, to: &out)
            } else {
                out.append(UnsafeBufferPointer(rebasing: source[i...semicolon]))
            }
            i = semicolon + 1
            runStart = i
        }
        if runStart < n { out.append(UnsafeBufferPointer(rebasing: source[runStart..<n])) }
    }

    private static func resolveEntity(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard let first = name.first else { return nil }
        if first == UInt8(ascii: "#") {
            var value: UInt32 = 0
            var digits = name.dropFirst()
            var radix: UInt32 = 10
            if let x = digits.first, x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
                radix = 16
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty else { return nil }
            for d in digits {
                let digit: UInt32
                switch d {
                case 0x30...0x39: digit = UInt32(d - 0x30)
                case 0x61...0x66 where radix == 16: digit = UInt32(d - 0x61 + 10)
                case 0x41...0x46 where radix == 16: digit = UInt32(d - 0x41 + 10)
                default: return nil
                }
                value = value * radix + digit
                if value > 0x10FFFF { return nil }
            }
            if value >= 0xD800 && value <= 0xDFFF { return nil }
            return value
        }
        switch name.count {
        case 2:
            if name[0] == UInt8(ascii: "l") && name[1] == UInt8(ascii: "t") { return 0x3C }
            if name[0] == UInt8(ascii: "g") && name[1] == UInt8(ascii: "t") { return 0x3E }
        case 3:
            if name.elementsEqual("amp".utf8) { return 0x26 }
        case 4:
            if name.elementsEqual("quot".utf8) { return 0x22 }
            if name.elementsEqual("apos".utf8) { return 0x27 }
        default: break
        }
        return nil
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout RawStore<UInt8>) {
        if scalar < 0x80 {
            out.append(UInt8(scalar))
        } else if scalar < 0x800 {
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        } else if scalar < 0x10000 {
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
