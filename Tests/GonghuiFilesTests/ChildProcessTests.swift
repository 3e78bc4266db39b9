import Foundation
import GonghuiProcess
import Testing

/// Programs run to their end with posix_spawn: the exit status and the signal, the output in its
/// file, this process's descriptors closed in the child, the environment given, a program that
/// is not there.
@Suite("Child processes")
struct ChildProcessTests {
    static func temp(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-child-\(UUID().uuidString)-\(name)").path
    }

    @Test func statusOutputDescriptorsAndEnvironment() throws {
        let out = Self.temp("out"), err = Self.temp("err")
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: err) }
        // A descriptor this process holds open is not inherited: the child sees 0, 1, 2 and the one `ls` opens to read the directory.
        let held = FileHandle(forReadingAtPath: "/dev/null")!
        defer { try? held.close() }
        let status = try ChildProcess.run("/bin/sh", ["-c", "echo \"$GREETING\"; ls /proc/self/fd >&2; exit 3"], environment: ["GREETING": "你好", "PATH": "/usr/bin:/bin"],
                                          standardOutput: out, standardError: err)
        #expect(status == 3)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "你好\n")
        let fds = try String(contentsOfFile: err, encoding: .utf8).split(separator: "\n")
        #expect(!fds.contains(Substring(String(held.fileDescriptor))) && fds.count <= 4, "\(fds)")
        #expect(try ChildProcess.run("/bin/sh", ["-c", "kill -TERM $$"]) == 128 + 15)
    }

    @Test func aMissingProgramIsALaunchError() async throws {
        #expect(throws: ChildProcess.LaunchError.self) { _ = try ChildProcess.run("/nonexistent/pg_dump", []) }
        #expect(try await ChildProcess.run("/bin/true", []) == 0)
    }
}
