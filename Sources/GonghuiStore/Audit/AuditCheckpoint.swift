import Foundation
import GonghuiDomain
import SQLKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AuditCheckpoint {
    /// The newest checkpoint in a file: its last non-empty line; nil when the file does not
    /// exist or holds no line. A last line that is not a checkpoint is an error rather than a
    /// reason to fall back to the line before it (that would let anyone who can append to the
    /// file undo the newest checkpoint).
    public static func last(in path: String) throws -> AuditCheckpoint? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AuditCheckpointError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        let tail: Data
        do {
            // A line is about 100 bytes: the last 64 KiB always hold the last one whole.
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: size > 65_536 ? size - 65_536 : 0)
            tail = try handle.readToEnd() ?? Data()
        } catch {
            throw AuditCheckpointError.unreadable(path: path, reason: String(describing: error))
        }
        let lines = String(decoding: tail, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard let last = lines.last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        guard let c = parse(line: String(last)) else { throw AuditCheckpointError.malformed(path: path, line: String(last.prefix(200))) }
        return c
    }

    /// Appends the line: opened for appending only (every write lands at the end, whatever else
    /// writes the file), created readable by its owner alone, flushed to disk before returning.
    static func append(_ checkpoint: AuditCheckpoint, to path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode_t(0o600))
        guard fd >= 0 else { throw AuditCheckpointError.unwritable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let bytes = Array((checkpoint.line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AuditCheckpointError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw AuditCheckpointError.unwritable(path: path, reason: String(cString: strerror(errno))) }
    }
}

public enum AuditCheckpointError: Error, UserFacingError, Equatable {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case malformed(path: String, line: String)
    case empty(path: String)
    /// The database disagrees with itself or with the file's newest checkpoint: no new one is
    /// written, since it would anchor the changed log.
    case refused(path: String, problem: String)

    public var message: String {
        switch self {
        case .unreadable(let path, let reason): "无法读取审计检查点文件 \(path)：\(reason)"
        case .unwritable(let path, let reason): "无法写入审计检查点文件 \(path)：\(reason)"
        case .malformed(let path, let line): "审计检查点文件 \(path) 的最后一行不是检查点：\(line)"
        case .empty(let path): "审计检查点文件 \(path) 不存在或没有检查点"
        case .refused(let path, let problem): "未写入检查点（\(path)）：\(problem)"
        }
    }
}

extension AuditLog {
    /// Reads the head and appends it to `path` as a checkpoint. Refuses, writing nothing, when
    /// the head does not match the newest entry, when entries lie beyond the head, or when the
    /// log contradicts the file's newest checkpoint (shorter than it, or another entry at its
    /// seq): a new checkpoint past a truncation would otherwise hide it from `verify`, which
    /// compares with the newest line only. These checks read a few rows; the full walk of the
    /// chain is `verify`.
    public func checkpoint(to path: String) async throws -> AuditCheckpoint {
        let previous = try AuditCheckpoint.last(in: path)
        let problem: String?, head: AuditCheckpoint
        (problem, head) = try await database.read { db in
            func hash(at seq: Int64) async throws -> String? {
                if seq == 0 { return AuditWriter.genesis }
                return try await db.raw("SELECT hash FROM audit_log WHERE seq = \(bind: seq)").first()?.decode(column: "hash", as: String.self)
            }
            guard let row = try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else {
                return ("审计日志头记录缺失", AuditCheckpoint(seq: 0, hash: AuditWriter.genesis, at: 0))
            }
            let head = AuditCheckpoint(seq: try row.decode(column: "seq", as: Int64.self), hash: try row.decode(column: "hash", as: String.self), at: Clock.nowMillis())
            if try await hash(at: head.seq) != head.hash {
                return ("审计日志头（第 \(head.seq) 条）与该条记录不符，请运行 gonghui audit verify", head)
            }
            // One statement, so an append committing meanwhile (entry and head together) cannot
            // look like an entry beyond the head.
            let beyond = try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE seq > (SELECT seq FROM audit_head WHERE id = 1)").first()?.decode(column: "n", as: Int64.self) ?? 0
            if beyond > 0 {
                return ("审计日志头（第 \(head.seq) 条）之后还有 \(beyond) 条记录，不在哈希链上", head)
            }
            if let p = previous {
                if head.seq < p.seq {
                    return ("审计日志只有 \(head.seq) 条，短于上一个检查点（\(StoreError.shanghaiTime(p.at))）记录的第 \(p.seq) 条", head)
                }
                if try await hash(at: p.seq) != p.hash {
                    return ("第 \(p.seq) 条审计记录的哈希与上一个检查点（\(StoreError.shanghaiTime(p.at))）记录的不符", head)
                }
            }
            return (nil, head)
        }
        if let problem { throw AuditCheckpointError.refused(path: path, problem: problem) }
        try AuditCheckpoint.append(head, to: path)
        return head
    }

    /// The checkpoint `verify --checkpoint` compares with: the file's last line.
    public static func lastCheckpoint(in path: String) throws -> AuditCheckpoint {
        guard let c = try AuditCheckpoint.last(in: path) else { throw AuditCheckpointError.empty(path: path) }
        return c
    }
}
