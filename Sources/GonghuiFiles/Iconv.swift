#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A glibc iconv conversion descriptor. One instance per stream; not for concurrent use.
final class IconvConverter {
    enum Outcome {
        /// All input consumed.
        case done
        /// The output space ran out; call again with more room.
        case outputFull
        /// The input ends inside a multi-byte sequence; supply more input.
        case truncatedInput
        /// The input holds a byte sequence invalid in the source encoding.
        case invalidInput
    }

    private let descriptor: iconv_t

    /// Opens a converter, e.g. `from: "GB18030", to: "UTF-8"`.
    init(from: String, to: String) throws(FileError) {
        let cd = iconv_open(to, from)
        guard let cd, Int(bitPattern: cd) != -1 else {
            throw FileError.io("系统不支持 \(from) 到 \(to) 的编码转换（iconv）")
        }
        descriptor = cd
    }

    deinit { iconv_close(descriptor) }

    /// Converts from `input` into `output`; returns the bytes read, the bytes written and why it stopped.
    func convert(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        -> (read: Int, written: Int, outcome: Outcome)
    {
        guard let inBase = input.baseAddress, input.count > 0 else { return (0, 0, .done) }
        guard let outBase = output.baseAddress, output.count > 0 else { return (0, 0, .outputFull) }
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        var outPtr: UnsafeMutablePointer<CChar>? = outBase.assumingMemoryBound(to: CChar.self)
        var outLeft = output.count
        let result = iconv(descriptor, &inPtr, &inLeft, &outPtr, &outLeft)
        let read = input.count - inLeft
        let written = output.count - outLeft
        if result != -1 { return (read, written, .done) }
        switch errno {
        case E2BIG: return (read, written, .outputFull)
        case EINVAL: return (read, written, .truncatedInput)
        default: return (read, written, .invalidInput)
        }
    }

    /// Converts a whole in-memory buffer; nil when the input is not valid in the source encoding.
    func convertAll(_ input: [UInt8]) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        var consumed = 0
        while true {
            let step = input.withUnsafeBytes { inRaw in
                output.withUnsafeMutableBytes { outRaw in
                    convert(UnsafeRawBufferPointer(rebasing: inRaw[consumed...]),
                            into: UnsafeMutableRawBufferPointer(rebasing: outRaw[produced...]))
                }
            }
            consumed += step.read
            produced += step.written
            switch step.outcome {
            case .done:
                output.removeSubrange(produced...)
                return output
            case .outputFull:
                output.append(contentsOf: repeatElement(0, count: output.count))
            case .truncatedInput, .invalidInput:
                return nil
            }
        }
    }
}
