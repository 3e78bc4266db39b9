import ArgumentParser
import Crypto
import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore
import Hummingbird
import Logging

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "审计日志：校验哈希链、写入检查点、查看记录。", subcommands: [Verify.self, Checkpoint.self, List.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "校验审计日志哈希链是否完整、未被篡改；给出 --checkpoint 时还与检查点文件的最后一行比对。")
        @Option(help: "检查点文件（gonghui audit checkpoint 写入）：日志短于其记录的条数或该条哈希不符即校验失败") var checkpoint: String?
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                let anchor = try checkpoint.map(AuditLog.lastCheckpoint(in:))
                let (s, _) = try await store.open()
                let v = try await s.auditLog.verify(against: anchor)
                await s.close()
                // Always, so the operator can keep a copy of the head out of the database's reach.
                print("审计日志头：第 \(v.headSeq) 条，哈希 \(v.headHash)")
                guard v.ok else {
                    Console.error("审计日志校验失败：\(v.problem ?? "")（已校验 \(v.entries) 条）")
                    throw ExitCode(5)
                }
                print("审计日志完整：共 \(v.entries) 条，哈希链校验通过。")
                if let c = v.checkpoint {
                    print("与检查点一致：第 \(c.seq) 条（\(StoreError.shanghaiTime(c.at)) 记录）哈希相符。")
                }
            }
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "把审计日志头（条数与哈希）追加到检查点文件；由 cron 定时运行，文件应放在数据库管理员改不到的地方。")
        @Option(help: "检查点文件：每行一个 JSON，只追加，新建时权限 0600") var file: String
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                let (s, _) = try await store.open()
                do {
                    let c = try await s.auditLog.checkpoint(to: file)
                    await s.close()
                    print("已写入检查点：第 \(c.seq) 条，哈希 \(c.hash)（\(file)）")
                } catch let e as AuditCheckpointError {
                    await s.close()
                    // A log that contradicts the newest checkpoint fails like `verify` does.
                    if case .refused = e {
                        Console.error(e.message)
                        throw ExitCode(5)
                    }
                    throw e
                } catch {
                    await s.close()
                    throw error
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出最近的审计记录。")
        @Option var limit = 50
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                let (s, _) = try await store.open()
                for e in try await s.auditLog.list(actor: .system("cli"), filter: .init(limit: limit)) {
                    print("\(e.seq)\t\(Date(timeIntervalSince1970: Double(e.at) / 1000))\t\(e.actor)\t\(e.action)\t\(e.summary)")
                }
                await s.close()
            }
        }
    }
}
