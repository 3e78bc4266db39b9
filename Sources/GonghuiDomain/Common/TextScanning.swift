/// Small helpers shared by the value parsers. They work on Unicode scalars and UTF-8 bytes
/// because imports call them for every cell of files with millions of rows.
enum TextScanning {
    /// Whether a scalar is whitespace for the purpose of trimming a cell: Unicode white space
    /// (this covers the ideographic space U+3000 and no-break space U+00A0), plus the byte-order
    /// mark and zero-width space that spreadsheet exports leave behind.
    @inline(__always)
    static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D)
        }
        if scalar.value == 0xFEFF || scalar.value == 0x200B { return true }
        return scalar.properties.isWhitespace
    }

    /// The text without leading and trailing white space.
    static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmable(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            if isTrimmable(scalars[before]) { end = before } else { break }
        }
        return Substring(scalars[start..<end])
    }

    /// Full-width digits and Latin letters (U+FF10… from Chinese input methods) folded to ASCII;
    /// other characters are kept as they are.
    static func foldingFullWidth(_ text: Substring) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value >= 0xFF01 && scalar.value <= 0xFF5E,
               let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                out.append(ascii)
            } else if scalar.value == 0xFFE5 {
                out.append("¥")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether every byte is ASCII.
    @inline(__always)
    static func isASCII(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }
}
