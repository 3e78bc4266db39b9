import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A sequential supply of raw bytes: a file read with `read(2)` or an in-memory `Data`.
protocol ByteSource: AnyObject {
    /// Copies up to `buffer.count` bytes into `buffer`; returns 0 only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int
    /// Size of the whole source when known, for progress.
    var totalBytes: Int64? { get }
}

/// Reads a file descriptor; closes it when released.
final class FileByteSource: ByteSource {
    private let fd: Int32
    let totalBytes: Int64?

    init(path: String) throws(FileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw FileError.io("无法打开文件 \(path)（\(describeErrno(code))）")
        }
        var info = stat()
        if fstat(fd, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw FileError.io("\(path) 是目录，不是文件")
            }
            totalBytes = Int64(info.st_size)
        } else {
            totalBytes = nil
        }
        self.fd = fd
    }

    /// Takes ownership of an open descriptor.
    init(descriptor: Int32, totalBytes: Int64?) {
        self.fd = descriptor
        self.totalBytes = totalBytes
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = systemRead(fd, base, buffer.count)
            if n >= 0 { return n }
            let code = errno
            if code == EINTR { continue }
            throw FileError.io("读取文件失败（\(describeErrno(code))）")
        }
    }

    /// Reads the first bytes of a file without consuming a descriptor for long.
    static func peek(path: String, count: Int) throws(FileError) -> [UInt8] {
        let source = try FileByteSource(path: path)
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try bytes.withUnsafeMutableBytes { raw in
                Result { () throws(FileError) -> Int in
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                }
            }.get()
            if n == 0 { break }
            filled += n
        }
        return Array(bytes[..<filled])
    }
}

/// Serves an in-memory `Data` in chunks.
final class DataByteSource: ByteSource {
    private let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        self.offset = data.startIndex
    }

    var totalBytes: Int64? { Int64(data.count) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        let n = min(buffer.count, data.endIndex - offset)
        guard n > 0 else { return 0 }
        data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: offset..<(offset + n))
        offset += n
        return n
    }
}

/// Temporary files that disappear with their descriptor: created with `mkstemp` and unlinked at once.
enum AnonymousTempFile {
    /// Returns an open read-write descriptor of a new, already unlinked, temporary file.
    static func create() throws(FileError) -> Int32 {
        var template = Array((temporaryDirectory() + "/gonghui-files-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            let code = errno
            throw FileError.io("无法创建临时文件（\(describeErrno(code))）")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    static func temporaryDirectory() -> String {
        var dir = NSTemporaryDirectory()
        while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
        return dir.isEmpty ? "/tmp" : dir
    }

    /// Writes all of `buffer` to `fd`, retrying short writes.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws(FileError) {
        guard var base = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let n = systemWrite(fd, base, remaining)
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                throw FileError.io("写入文件失败（\(describeErrno(code))）")
            }
            remaining -= n
            base += n
        }
    }

    /// Reads exactly `buffer.count` bytes at `offset` unless the file ends first; returns the count read.
    static func readAll(_ fd: Int32, at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, base + done, buffer.count - done, off_t(offset + Int64(done)))
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                throw FileError.io("读取临时文件失败（\(describeErrno(code))）")
            }
            if n == 0 { break }
            done += n
        }
        return done
    }
}

// File-level wrappers, so that types with their own `read`/`write`/`close` members reach the C calls.
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
@discardableResult
func systemClose(_ fd: Int32) -> Int32 { close(fd) }
