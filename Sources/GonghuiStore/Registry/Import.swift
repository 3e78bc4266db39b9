import Foundation
import GonghuiDomain
import SQLKit

/// A table being read row by row (a CSV or XLSX file, or rows in memory). The store does not
/// know file formats; the command-line tool and the server adapt their readers to this.
public protocol TableSource: AnyObject {
    func readHeader() throws -> [String]?
    func nextRow() throws -> (number: Int, cells: [String])?
}

/// Rows held in memory, for tests and small uploads.
public final class InMemoryTable: TableSource {
    let header: [String]
    let rows: [[String]]
    var index = 0
    public init(header: [String], rows: [[String]]) { self.header = header; self.rows = rows }
    public func readHeader() throws -> [String]? { header }
    public func nextRow() throws -> (number: Int, cells: [String])? {
        guard index < rows.count else { return nil }
        defer { index += 1 }
        return (index + 2, rows[index])
    }
}

/// One problem with one cell of an import file.
public struct ImportProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var row: Int
    public var column: String
    public var value: String
    public var reason: String
    public init(row: Int, column: String, value: String, reason: String) {
        self.row = row; self.column = column; self.value = value; self.reason = reason
    }
    public var description: String { "第 \(row) 行 [\(column)] “\(value)”：\(reason)" }
}

public struct ImportReport: Sendable, Equatable, Codable {
    public var kind: String
    public var rowsTotal = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    /// Rows with errors; with `skipInvalid` they were left out, otherwise nothing was written.
    public var problems: [ImportProblem] = []
    public var warnings: [ImportProblem] = []
    public var written = false
    public var previouslyImportedAt: Int64?

    public var summary: String {
        if !written && !problems.isEmpty {
            return "共 \(rowsTotal) 行，发现 \(rejected) 行有错误（\(problems.count) 处），未写入任何数据。"
        }
        if written && inserted == 0 && updated == 0 {
            return "共 \(rowsTotal) 行，与现有数据完全一致，没有任何更改。" + (rejected > 0 ? "另有 \(rejected) 行有错误已跳过。" : "")
        }
        var s = "共 \(rowsTotal) 行：新增 \(inserted)，更新 \(updated)，未变 \(unchanged)"
        if rejected > 0 { s += "，跳过错误行 \(rejected)" }
        return s + (written ? "。" : "（仅校验，未写入）。")
    }
}

public struct ImportOptions: Sendable {
    public var skipInvalid: Bool
    public var dryRun: Bool
    public var fileName: String
    public var fileSHA256: String
    public var today: CivilDate
    public init(skipInvalid: Bool = false, dryRun: Bool = false, fileName: String = "", fileSHA256: String = "", today: CivilDate = .today()) {
        self.skipInvalid = skipInvalid; self.dryRun = dryRun; self.fileName = fileName; self.fileSHA256 = fileSHA256; self.today = today
    }
}

/// Progress of a long import: rows seen in the current phase.
public struct ImportProgress: Sendable {
    /// `loading`: a first load into an empty registry validates and writes in one pass.
    public enum Phase: String, Sendable { case validating, writing, loading }
    public var phase: Phase
    public var rows: Int
}

/// Column names of the templates: Chinese as federations write them, English accepted too.
public struct ImportColumns: Sendable {
    public struct Column: Sendable {
        public let key: String
        public let chinese: String
        public let required: Bool
    }
    public let columns: [Column]

    public static let members = ImportColumns(columns: [
        .init(key: "id_number", chinese: "身份证号", required: true),
        .init(key: "name", chinese: "姓名", required: true),
        .init(key: "phone", chinese: "手机号", required: true),
        .init(key: "org_code", chinese: "所属工会代码", required: true),
        .init(key: "joined_on", chinese: "入会日期", required: true),
        .init(key: "employment_type", chinese: "用工形式", required: true),
        .init(key: "is_migrant", chinese: "是否农民工", required: true),
        .init(key: "status", chinese: "会员状态", required: false),
        .init(key: "ethnicity", chinese: "民族", required: false),
        .init(key: "education", chinese: "学历", required: false),
        .init(key: "card_number", chinese: "会员卡号", required: false),
    ])

    public static let orgs = ImportColumns(columns: [
        .init(key: "code", chinese: "组织代码", required: true),
        .init(key: "name", chinese: "组织名称", required: true),
        .init(key: "parent_code", chinese: "上级组织代码", required: true),
        .init(key: "kind", chinese: "组织类型", required: true),
        .init(key: "credit_code", chinese: "统一社会信用代码", required: false),
        .init(key: "region_code", chinese: "行政区划代码", required: false),
        .init(key: "unit_nature", chinese: "单位性质", required: false),
        .init(key: "industry", chinese: "行业", required: false),
        .init(key: "employees", chinese: "职工人数", required: false),
        .init(key: "women_employees", chinese: "女职工人数", required: false),
        .init(key: "migrant_employees", chinese: "农民工人数", required: false),
        .init(key: "founded_on", chinese: "建会日期", required: false),
        .init(key: "chair_name", chinese: "工会主席", required: false),
        .init(key: "women_committee", chinese: "女职工委员会", required: false),
        .init(key: "funds_audit_committee", chinese: "经费审查委员会", required: false),
        .init(key: "workers_congress", chinese: "职代会", required: false),
        .init(key: "factory_affairs_openness", chinese: "厂务公开", required: false),
        .init(key: "labor_protection_committee", chinese: "劳动保护监督检查委员会", required: false),
        .init(key: "mediation_committee", chinese: "劳动争议调解委员会", required: false),
    ])

    /// "涉及金额(元)" as "涉及金额（元）": spreadsheets write either parentheses.
    static func unifiedParentheses(_ s: String) -> String {
        s.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）").replacingOccurrences(of: " ", with: "")
    }

    /// The header row of the template, in Chinese with the English name: "身份证号 id_number".
    public var templateHeader: [String] { columns.map { "\($0.chinese) \($0.key)" } }
    public var chineseHeader: [String] { columns.map(\.chinese) }

    /// Maps each header cell to a column key. Accepts "身份证号", "id_number" or "身份证号 id_number".
    public func resolve(_ header: [String]) -> (indexes: [String: Int], problems: [ImportProblem]) {
        var indexes: [String: Int] = [:]
        var problems: [ImportProblem] = []
        for (i, raw) in header.enumerated() {
            let cell = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
            if cell.isEmpty { continue }
            let parts = cell.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "/" || $0 == "（" || $0 == "(" || $0 == "）" || $0 == ")" }).map(String.init)
            let unified = Self.unifiedParentheses(cell)
            let match = columns.first { c in
                parts.contains(c.key) || parts.contains(c.chinese) || unified == Self.unifiedParentheses(c.chinese) || cell.lowercased() == c.key
                    || parts.first == c.chinese.split(separator: "（").first.map(String.init)
            }
            guard let match else {
                problems.append(ImportProblem(row: 1, column: cell, value: cell, reason: "未知的列名；模板的列为：\(chineseHeader.joined(separator: "、"))"))
                continue
            }
            if indexes[match.key] != nil {
                problems.append(ImportProblem(row: 1, column: cell, value: cell, reason: "列“\(match.chinese)”重复出现"))
            }
            indexes[match.key] = i
        }
        for c in columns where c.required && indexes[c.key] == nil {
            problems.append(ImportProblem(row: 1, column: c.chinese, value: "", reason: "缺少必填列“\(c.chinese)”（\(c.key)）"))
        }
        return (indexes, problems)
    }
}

/// The record of an import that wrote: its row in `import_runs` and one audit entry, the file's
/// hash naming exactly what was loaded.
enum ImportRuns {
    static func record(kind: String, action: String, noun: String, report r: ImportReport, options: ImportOptions, actor: Actor,
                       on db: any SQLDatabase, cipher: FieldCipher, engine: SQLEngine) async throws {
        try await db.raw("""
            INSERT INTO import_runs (kind, file_name, file_sha256, rows_total, inserted, updated, unchanged, rejected, actor, at)
            VALUES (\(bind: kind), \(bind: options.fileName), \(bind: options.fileSHA256), \(bind: r.rowsTotal), \(bind: r.inserted), \(bind: r.updated),
                    \(bind: r.unchanged), \(bind: r.rejected), \(bind: actor.username), \(bind: Clock.nowMillis()))
            """).run()
        try await AuditWriter(cipher: cipher, engine: engine).append(
            .init(action: action, entity: "import", entityID: options.fileSHA256.isEmpty ? "-" : String(options.fileSHA256.prefix(16)),
                  orgID: actor.orgID, orgPath: actor.scope.path, summary: "导入\(noun)文件 \(options.fileName)：\(r.summary)",
                  after: Rows.json(["sha256": options.fileSHA256])),
            actor: actor, on: db)
    }
}

enum ImportCells {
    /// Trims spaces (ASCII and the full-width 　) only when there are any: the file readers
    /// already trim unquoted cells, and Foundation's trimming costs more than all the
    /// validation of a row.
    @inline(__always)
    static func trim(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last else { return s }
        func spacy(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0xE3 || b == 0x80 }
        if !spacy(first) && !spacy(last) { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    static let employmentTypes: [String: EmploymentType] = {
        var m: [String: EmploymentType] = [:]
        for t in EmploymentType.allCases { m[t.rawValue] = t; m[t.label] = t; m[t.rawValue.uppercased()] = t }
        m["固定期限合同"] = .fixedTerm; m["无固定期限合同"] = .openEnded; m["派遣"] = .dispatched
        return m
    }()

    static let statuses: [String: MemberStatus] = {
        var m: [String: MemberStatus] = [:]
        for t in MemberStatus.allCases { m[t.rawValue] = t; m[t.label] = t; m[t.rawValue.uppercased()] = t }
        return m
    }()

    static func yesNo(_ raw: String) -> Bool? {
        switch raw {
        case "是": return true
        case "否", "": return false
        default: break
        }
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "是", "y", "yes", "true", "1", "√": return true
        case "否", "n", "no", "false", "0", "": return false
        default: return nil
        }
    }

    static func int(_ raw: String) -> Int? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return 0 }
        if let v = Int(s) { return v }
        if s.hasSuffix(".0"), let v = Int(s.dropLast(2)) { return v }
        return nil
    }
}
