import Foundation
import GonghuiSpawn

/// A program run to its end (子进程): pg_dump and pg_restore for the backups, LibreOffice in the
/// tests. Started with posix_spawn instead of Foundation's `Process`, whose launch on Linux reads
/// past a buffer now and then and crashes the parent (see GonghuiSpawn.h).
public enum ChildProcess {
    /// The program could not be started (not found, not executable, no memory).
    public struct LaunchError: Error, CustomStringConvertible {
        public let path: String
        public let errno: Int32
        public var description: String { "无法运行 \(path)：\(String(cString: strerror(errno)))" }
    }

    /// Runs `path` with `arguments`, in `environment` (this process's when nil), its output and
    /// errors to the files named (or nowhere), and returns its exit status. Blocks the thread.
    public static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                           standardOutput: String? = nil, standardError: String? = nil) throws -> Int32 {
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { env in env.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { for p in envp ?? [] { free(p) } }
        var status: Int32 = 0
        let rc = argv.withUnsafeBufferPointer { a -> Int32 in
            guard let envp else { return gh_spawn_wait(path, a.baseAddress, nil, standardOutput, standardError, &status) }
            return envp.withUnsafeBufferPointer { e in gh_spawn_wait(path, a.baseAddress, e.baseAddress, standardOutput, standardError, &status) }
        }
        if rc != 0 { throw LaunchError(path: path, errno: rc) }
        return status
    }

    /// The same on a thread of its own, so the caller's executor is not held while it runs.
    public static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                           standardOutput: String? = nil, standardError: String? = nil) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try run(path, arguments, environment: environment, standardOutput: standardOutput, standardError: standardError) })
            }
        }
    }
}
