import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore

/// The member service card's bank files: the issuing file written (CSV for Excel, GBK CSV for a
/// bank's system, or XLSX), the bank's results read, the uses read in batches (millions of rows
/// from the bank's and merchants' files) — every bad row named.
public enum CardFiles {
    public enum Format: Sendable { case csv, gbk, xlsx }

    static let issuingHeader = ["序号", "姓名", "身份证号", "手机号", "所属工会代码", "所属工会", "领卡网点"]

    public static func issuing(_ lines: [CardService.IssuingLine], fileNo: String, format: Format) throws -> Data {
        let rows = lines.enumerated().map { i, l in [String(i + 1), l.name, l.idNumber, l.phone, l.unitCode, l.unitName, l.branch] }
        switch format {
        case .csv: return CSVWriter.render([issuingHeader] + rows, bom: true)
        case .gbk: return CSVWriter.render([issuingHeader] + rows, encoding: .gb18030, protectingIdentifiers: false)
        case .xlsx:
            let x = XLSXWriter(sheetName: "制卡名单")
            x.setTitle("会员服务卡制卡文件 \(fileNo)（\(lines.count) 人）", span: issuingHeader.count)
            x.addHeader(issuingHeader)
            for r in rows { x.addRow(r.map { XLSXCell.text($0) }) }
            x.setColumnWidths([6, 10, 22, 14, 20, 28, 24])
            return try x.data()
        }
    }

    static func columns(_ reader: TableReader, _ wanted: [(String, [String], Bool)]) throws -> [String: Int] {
        guard let header = try reader.readHeader() else { throw AssistanceFiles.ReadError(problems: [FieldProblem(field: "第 1 行", value: "", reason: "文件是空的")]) }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "") }
        var out: [String: Int] = [:]
        var missing: [String] = []
        for (key, options, required) in wanted {
            if let i = names.firstIndex(where: { options.contains($0) }) { out[key] = i } else if required { missing.append(options[0]) }
        }
        if !missing.isEmpty {
            throw AssistanceFiles.ReadError(problems: [FieldProblem(field: "第 1 行", value: names.joined(separator: ","), reason: "表头缺少：\(missing.joined(separator: "、"))")])
        }
        return out
    }

    /// The bank's result of an issuing file: 身份证号, 卡号, 发卡日期 for a card made; 结果 失败 with
    /// 失败原因 for one that was not.
    public static func results(_ reader: TableReader) throws -> [CardResultRow] {
        let c = try columns(reader, [("id", ["身份证号", "证件号码", "id_number"], true), ("card", ["卡号", "card_number"], true), ("on", ["发卡日期", "制卡日期", "issued_on"], true),
                                     ("result", ["结果", "result"], false), ("reason", ["失败原因", "原因", "reason"], false)])
        var out: [CardResultRow] = []
        var problems: [FieldProblem] = []
        while let row = try reader.nextRow() {
            func cell(_ k: String) -> String { c[k].flatMap { $0 < row.cells.count ? row.cells[$0].trimmingCharacters(in: .whitespaces) : nil } ?? "" }
            if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let at = "第 \(row.number) 行"
            let id: IDNumber
            do { id = try IDNumber(cell("id")) } catch { problems.append(FieldProblem(field: "\(at) 身份证号", value: cell("id"), reason: error.message)); continue }
            let failed = ["失败", "fail", "failed"].contains(cell("result").lowercased())
            if failed {
                out.append(CardResultRow(row: row.number, idNumber: id, cardNumber: nil, issuedOn: nil, reason: cell("reason").isEmpty ? nil : cell("reason")))
                continue
            }
            do {
                let number = try CardNumber(cell("card"))
                let on = try CivilDate(parsing: cell("on"))
                out.append(CardResultRow(row: row.number, idNumber: id, cardNumber: number, issuedOn: on, reason: nil))
            } catch let e as CardNumberError {
                problems.append(FieldProblem(field: "\(at) 卡号", value: cell("card"), reason: e.message))
            } catch {
                problems.append(FieldProblem(field: "\(at) 发卡日期", value: cell("on"), reason: (error as? any UserFacingError)?.message ?? "日期格式不正确"))
            }
        }
        if !problems.isEmpty { throw AssistanceFiles.ReadError(problems: problems) }
        if out.isEmpty { throw AssistanceFiles.ReadError(problems: [FieldProblem(field: "第 2 行", value: "", reason: "文件中没有制卡结果")]) }
        return out
    }

    /// The bank's activation file: 卡号, 激活日期.
    public static func activations(_ reader: TableReader) throws -> [(row: Int, number: CardNumber, on: CivilDate)] {
        let c = try columns(reader, [("card", ["卡号", "card_number"], true), ("on", ["激活日期", "activated_on"], true)])
        var out: [(row: Int, number: CardNumber, on: CivilDate)] = []
        var problems: [FieldProblem] = []
        while let row = try reader.nextRow() {
            func cell(_ k: String) -> String { c[k].flatMap { $0 < row.cells.count ? row.cells[$0].trimmingCharacters(in: .whitespaces) : nil } ?? "" }
            if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let at = "第 \(row.number) 行"
            let number: CardNumber
            do { number = try CardNumber(cell("card")) } catch { problems.append(FieldProblem(field: "\(at) 卡号", value: cell("card"), reason: error.message)); continue }
            do { out.append((row.number, number, try CivilDate(parsing: cell("on")))) } catch {
                problems.append(FieldProblem(field: "\(at) 激活日期", value: cell("on"), reason: error.message))
            }
        }
        if !problems.isEmpty { throw AssistanceFiles.ReadError(problems: problems) }
        if out.isEmpty { throw AssistanceFiles.ReadError(problems: [FieldProblem(field: "第 2 行", value: "", reason: "文件中没有激活记录")]) }
        return out
    }

    /// The uses file read in batches: 卡号, 交易日期, 商户, 交易金额, 优惠金额, 流水号. Rows that cannot be
    /// read are collected in `problems` (the first 1000) and left out of the batches; the store
    /// refuses the file when there is any.
    public final class UsageReader {
        let reader: TableReader
        let c: [String: Int]
        public private(set) var problems: [FieldProblem] = []
        public private(set) var problemCount = 0
        public let batchSize: Int

        public init(_ reader: TableReader, batchSize: Int = 2000) throws {
            self.reader = reader
            self.batchSize = batchSize
            c = try CardFiles.columns(reader, [("card", ["卡号", "card_number"], true), ("on", ["交易日期", "消费日期", "used_on"], true),
                                               ("merchant", ["商户", "商户名称", "merchant"], true), ("amount", ["交易金额", "消费金额", "amount"], true),
                                               ("discount", ["优惠金额", "discount"], false), ("ref", ["流水号", "交易流水号", "reference"], true)])
        }

        /// The next batch of good rows, nil at the end of the file.
        public func next() throws -> [CardUsageRow]? {
            var out: [CardUsageRow] = []
            out.reserveCapacity(batchSize)
            while out.count < batchSize, let row = try reader.nextRow() {
                func cell(_ k: String) -> String { c[k].flatMap { $0 < row.cells.count ? row.cells[$0].trimmingCharacters(in: .whitespaces) : nil } ?? "" }
                let at = "第 \(row.number) 行"
                func bad(_ field: String, _ value: String, _ reason: String) {
                    problemCount += 1
                    if problems.count < 1000 { problems.append(FieldProblem(field: "\(at) \(field)", value: value, reason: reason)) }
                }
                let number: CardNumber
                do { number = try CardNumber(cell("card")) } catch { bad("卡号", cell("card"), error.message); continue }
                let on: CivilDate
                do { on = try CivilDate(parsing: cell("on")) } catch { bad("交易日期", cell("on"), error.message); continue }
                let amount: Money, discount: Money
                do { amount = try Money(parsingYuan: cell("amount")) } catch { bad("交易金额", cell("amount"), error.message); continue }
                do { discount = cell("discount").isEmpty ? .zero : try Money(parsingYuan: cell("discount")) } catch { bad("优惠金额", cell("discount"), error.message); continue }
                let ref = cell("ref"), merchant = cell("merchant")
                if ref.isEmpty || ref.count > 60 { bad("流水号", ref, "不能为空，最多 60 字"); continue }
                if merchant.isEmpty || merchant.count > 100 { bad("商户", merchant, "不能为空，最多 100 字"); continue }
                if amount.isNegative || discount.isNegative { bad("交易金额", cell("amount"), "金额不能为负"); continue }
                out.append(CardUsageRow(row: row.number, cardNumber: number, usedOn: on, merchant: merchant, amount: amount, discount: discount, reference: ref))
            }
            return out.isEmpty ? nil : out
        }
    }
}
