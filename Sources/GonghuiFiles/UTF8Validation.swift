/// Result of checking a byte range for well-formed UTF-8.
struct UTF8Check {
    enum Status {
        /// The whole range is well-formed.
        case valid
        /// Well-formed up to `validCount`; the rest is the start of a sequence cut by the range end.
        case truncated
        /// Well-formed up to `validCount`; the byte there cannot start or continue a sequence.
        case invalid
    }

    var status: Status
    /// Bytes at the start of the range that form complete, well-formed sequences.
    var validCount: Int
    /// Multi-byte sequences seen within `validCount` (capped at `nonASCIILimit`).
    var nonASCIICount: Int

    /// Validates `bytes` (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, nonASCIILimit: Int = .max) -> UTF8Check {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else {
            return UTF8Check(status: .valid, validCount: 0, nonASCIICount: 0)
        }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var nonASCII = 0
        while i < n {
            // ASCII runs are the common case: test eight bytes at a time.
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            if i >= n { break }
            let b0 = base[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default:
                return UTF8Check(status: .invalid, validCount: i, nonASCIICount: nonASCII)
            }
            // Second byte has the narrowed range, the rest are plain continuation bytes.
            var k = 1
            while k < length {
                guard i + k < n else {
                    return UTF8Check(status: .truncated, validCount: i, nonASCIICount: nonASCII)
                }
                let b = base[i + k]
                let ok = k == 1 ? (b >= lower && b <= upper) : (b >= 0x80 && b <= 0xBF)
                if !ok {
                    return UTF8Check(status: .invalid, validCount: i, nonASCIICount: nonASCII)
                }
                k += 1
            }
            i += length
            if nonASCII < nonASCIILimit { nonASCII += 1 }
        }
        return UTF8Check(status: .valid, validCount: n, nonASCIICount: nonASCII)
    }
}
