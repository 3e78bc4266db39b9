import ArgumentParser
import Foundation
import GonghuiDomain
import GonghuiStore

/// `gonghui warnings`: the risk warning's daily run for cron, and the open alerts.
struct WarningsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warnings",
        abstract: "劳动关系风险预警：run 每日计算趋势规则（同一用人单位案件频发、地区/行业案件激增、春节前欠薪上升），list 列出未办结的预警。",
        subcommands: [Run.self, List.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "计算趋势预警（服务运行时每天自动计算；此命令供 cron 使用，同一天重复运行不会重复预警）。")
        @Option(help: "按哪一天计算（YYYY-MM-DD，默认今天）") var today: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await runCommand {
                let day = try today.map { t in
                    guard let d = CivilDate(t) else { throw ValidationError("--today 应为 YYYY-MM-DD：\(t)") }
                    return d
                } ?? .today()
                let (s, _) = try await store.open()
                do {
                    let report = try await s.warnings.runTrends(today: day)
                    await s.close()
                    print("\(day.iso) 趋势预警：新预警 \(report.raised.count) 条")
                    for a in report.raised { print("  [\(a.rule.title)] \(a.orgName)：\(a.summary)") }
                    for note in report.notes { print("  说明：\(note)") }
                } catch {
                    await s.close()
                    throw error
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出未办结的预警（全省）。")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await runCommand {
                let (s, _) = try await store.open()
                do {
                    let (alerts, total) = try await s.warnings.list(unclosed: true, actor: .system("cli"), limit: 500)
                    await s.close()
                    print("未办结的预警 \(total) 条")
                    let today = CivilDate.today()
                    for a in alerts {
                        print("  #\(a.id) \(a.raisedOn.iso) [\(a.rule.title)] \(a.state.title)，已过 \(a.ageDays(today: today)) 天，\(a.orgName)：\(a.summary)")
                    }
                } catch {
                    await s.close()
                    throw error
                }
            }
        }
    }
}
