/// Turns the raw bytes of a text file into well-formed UTF-8, chunk by chunk.
///
/// Detection: a UTF-8 BOM means UTF-8; a UTF-16 BOM means UTF-16. Otherwise the first chunk
/// (up to `firstChunkSize` bytes) decides: well-formed UTF-8 means UTF-8, anything else GB18030,
/// the superset of GBK and GB2312 that Chinese Excel writes. Because everything handed out so far
/// may be pure ASCII (valid in both), a later chunk that is not UTF-8 still switches to GB18030 as
/// long as no non-ASCII UTF-8 has been handed out; after that it is an encoding error.
final class StreamDecoder {
    enum Mode { case undecided, utf8, gb18030, utf16(bigEndian: Bool) }

    enum Step {
        /// This many bytes of UTF-8 were written at the start of the output buffer.
        case bytes(Int)
        /// The source is exhausted.
        case end
        /// The next bytes cannot be decoded; the caller reports the row it is on.
        case failure
    }

    /// Number of leading multi-byte UTF-8 sequences before an invalid byte from which we conclude
    /// the file is damaged UTF-8 rather than GBK that happened to look like UTF-8 for a while.
    static let utf8Evidence = 4
    static let firstChunkSize = 1 << 20
    private static let rawChunkSize = 256 << 10

    private let source: any ByteSource
    private(set) var mode: Mode = .undecided
    private(set) var hadBOM = false
    private(set) var bytesRead: Int64 = 0

    /// Undecoded input: the first chunk while it is being handed out, a cut sequence, or
    /// input waiting for conversion in the GB18030 and UTF-16 modes.
    private var raw: UnsafeMutablePointer<UInt8>
    private var rawCapacity: Int
    private var rawStart = 0
    private var rawEnd = 0

    private var sourceEOF = false
    private var failed = false
    private var emittedNonASCII = false
    private var iconv: IconvConverter?

    init(source: any ByteSource) {
        self.source = source
        rawCapacity = Self.firstChunkSize
        raw = .allocate(capacity: rawCapacity)
    }

    deinit { raw.deallocate() }

    var totalBytes: Int64? { source.totalBytes }

    /// The encoding as detected so far (nil before the first read).
    var encoding: TextEncoding? {
        switch mode {
        case .undecided: nil
        case .utf8: hadBOM ? .utf8BOM : .utf8
        case .gb18030: .gb18030
        case .utf16(let bigEndian): bigEndian ? .utf16BE : .utf16LE
        }
    }

    /// Writes the next decoded bytes into `out`, which must have room for at least 16 bytes.
    func decode(into out: UnsafeMutableBufferPointer<UInt8>) throws(FileError) -> Step {
        if failed { return .failure }
        while true {
            let step: Step?
            switch mode {
            case .undecided:
                try decideEncoding()
                continue
            case .utf8:
                step = try decodeUTF8(into: out)
            case .gb18030:
                step = try convert(into: out) { input, output in
                    self.iconv!.convert(UnsafeRawBufferPointer(input), into: UnsafeMutableRawBufferPointer(output))
                }
            case .utf16(let bigEndian):
                step = try convert(into: out) { input, output in
                    Self.transcodeUTF16(input, bigEndian: bigEndian, into: output)
                }
            }
            if let step { return step }
        }
    }

    // MARK: Detection

    private func decideEncoding() throws(FileError) {
        // Fill the first chunk completely (a pipe may deliver less per read).
        while rawEnd < rawCapacity {
            let n = try readSource(into: UnsafeMutableBufferPointer(start: raw + rawEnd, count: rawCapacity - rawEnd))
            if n == 0 { break }
            rawEnd += n
        }
        let count = rawEnd
        if count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF {
            hadBOM = true
            rawStart = 3
            mode = .utf8
        } else if count >= 2 && raw[0] == 0xFF && raw[1] == 0xFE {
            hadBOM = true
            rawStart = 2
            mode = .utf16(bigEndian: false)
        } else if count >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
            hadBOM = true
            rawStart = 2
            mode = .utf16(bigEndian: true)
        } else {
            let check = UTF8Check.check(UnsafeBufferPointer(start: raw, count: count), nonASCIILimit: Self.utf8Evidence)
            switch check.status {
            case .valid, .truncated:
                mode = .utf8
            case .invalid:
                if check.nonASCIICount >= Self.utf8Evidence {
                    mode = .utf8
                } else {
                    try switchToGB18030()
                }
            }
        }
    }

    private func switchToGB18030() throws(FileError) {
        iconv = try IconvConverter(from: "GB18030", to: "UTF-8")
        mode = .gb18030
    }

    // MARK: UTF-8

    private func decodeUTF8(into out: UnsafeMutableBufferPointer<UInt8>) throws(FileError) -> Step? {
        let base = out.baseAddress!
        // Pending bytes first (rest of the first chunk, or a sequence cut at the last chunk's end).
        var n = min(out.count, rawEnd - rawStart)
        if n > 0 {
            base.update(from: raw + rawStart, count: n)
            rawStart += n
        }
        if rawStart == rawEnd {
            rawStart = 0
            rawEnd = 0
            if n < out.count && !sourceEOF {
                n += try readSource(into: UnsafeMutableBufferPointer(rebasing: out[n...]))
            }
        }
        if n == 0 { return .end }

        let check = UTF8Check.check(UnsafeBufferPointer(start: base, count: n), nonASCIILimit: Self.utf8Evidence)
        switch check.status {
        case .valid:
            if check.nonASCIICount > 0 { emittedNonASCII = true }
            return .bytes(n)
        case .truncated where !(sourceEOF && rawStart == rawEnd):
            // Keep the cut sequence for the next call, ahead of any pending bytes.
            unshiftRaw(UnsafeBufferPointer(start: base + check.validCount, count: n - check.validCount))
            if check.nonASCIICount > 0 { emittedNonASCII = true }
            return check.validCount > 0 ? .bytes(check.validCount) : nil
        case .truncated, .invalid:
            if !emittedNonASCII && check.nonASCIICount < Self.utf8Evidence {
                // Only ASCII so far: that is GB18030 as well, so decode from here on as GB18030.
                unshiftRaw(UnsafeBufferPointer(start: base, count: n))
                try switchToGB18030()
                return nil
            }
            failed = true
            return check.validCount > 0 ? .bytes(check.validCount) : .failure
        }
    }

    /// Puts `bytes` in front of the pending raw input.
    private func unshiftRaw(_ bytes: UnsafeBufferPointer<UInt8>) {
        let pending = rawEnd - rawStart
        let needed = bytes.count + pending
        if needed > rawCapacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: needed)
            bigger.advanced(by: bytes.count).update(from: raw + rawStart, count: pending)
            raw.deallocate()
            raw = bigger
            rawCapacity = needed
        } else if pending > 0 {
            (raw + bytes.count).update(from: raw + rawStart, count: pending)
        }
        raw.update(from: bytes.baseAddress!, count: bytes.count)
        rawStart = 0
        rawEnd = needed
    }

    // MARK: Converting modes

    private typealias Transcode = (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>)
        -> (read: Int, written: Int, outcome: IconvConverter.Outcome)

    private func convert(into out: UnsafeMutableBufferPointer<UInt8>, _ transcode: Transcode) throws(FileError) -> Step? {
        if rawStart == rawEnd {
            if sourceEOF { return .end }
            try refillRaw()
            if rawStart == rawEnd { return .end }
        }
        let result = transcode(UnsafeBufferPointer(start: raw + rawStart, count: rawEnd - rawStart), out)
        rawStart += result.read
        switch result.outcome {
        case .done, .outputFull:
            return result.written > 0 ? .bytes(result.written) : nil
        case .truncatedInput:
            if sourceEOF {
                failed = true
                return result.written > 0 ? .bytes(result.written) : .failure
            }
            try refillRaw()
            return result.written > 0 ? .bytes(result.written) : nil
        case .invalidInput:
            failed = true
            return result.written > 0 ? .bytes(result.written) : .failure
        }
    }

    /// Moves pending input to the front and reads more behind it.
    private func refillRaw() throws(FileError) {
        let pending = rawEnd - rawStart
        if rawStart > 0 && pending > 0 {
            raw.update(from: raw + rawStart, count: pending)
        }
        rawStart = 0
        rawEnd = pending
        let room = min(rawCapacity - rawEnd, Self.rawChunkSize)
        guard room > 0 else { return }
        let n = try readSource(into: UnsafeMutableBufferPointer(start: raw + rawEnd, count: room))
        rawEnd += n
    }

    private func readSource(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(FileError) -> Int {
        if sourceEOF { return 0 }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(buffer))
        if n == 0 { sourceEOF = true }
        bytesRead += Int64(n)
        return n
    }

    /// UTF-16 to UTF-8, stopping at a cut code unit or surrogate pair.
    static func transcodeUTF16(_ input: UnsafeBufferPointer<UInt8>, bigEndian: Bool,
                               into output: UnsafeMutableBufferPointer<UInt8>)
        -> (read: Int, written: Int, outcome: IconvConverter.Outcome)
    {
        var i = 0
        var o = 0
        let n = input.count
        func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(input[at]) << 8 | UInt32(input[at + 1])
                      : UInt32(input[at + 1]) << 8 | UInt32(input[at])
        }
        while i < n {
            if output.count - o < 4 { return (i, o, .outputFull) }
            guard i + 2 <= n else { return (i, o, .truncatedInput) }
            var scalar = unit(i)
            var width = 2
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard i + 4 <= n else { return (i, o, .truncatedInput) }
                let low = unit(i + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else { return (i, o, .invalidInput) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                width = 4
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                return (i, o, .invalidInput)
            }
            if scalar < 0x80 {
                output[o] = UInt8(scalar); o += 1
            } else if scalar < 0x800 {
                output[o] = UInt8(0xC0 | scalar >> 6)
                output[o + 1] = UInt8(0x80 | scalar & 0x3F)
                o += 2
            } else if scalar < 0x10000 {
                output[o] = UInt8(0xE0 | scalar >> 12)
                output[o + 1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                output[o + 2] = UInt8(0x80 | scalar & 0x3F)
                o += 3
            } else {
                output[o] = UInt8(0xF0 | scalar >> 18)
                output[o + 1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
                output[o + 2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                output[o + 3] = UInt8(0x80 | scalar & 0x3F)
                o += 4
            }
            i += width
        }
        return (i, o, .done)
    }
}
