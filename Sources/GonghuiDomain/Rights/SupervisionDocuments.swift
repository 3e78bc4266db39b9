import Foundation

/// A supervision letter as the union prints it (一函两书), composed from the record: numbered, the
/// addressee, the violation, its legal basis, the correction required and the date to answer,
/// with the place for the seal of the union's labor-law supervision committee (劳动法律监督委员会)
/// and a receipt the addressee signs. Printed as DOCX and as a page with the mediation blocks.
public struct SupervisionDocument: Equatable, Sendable {
    public var title: String
    public var number: String
    public var blocks: [MediationDocument.Block]

    /// The text as a sentence: its own closing punctuation dropped (`bare`), or ended with 。
    /// when it has none (`closed`), so that a record typed either way reads right in the letter.
    static func bare(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while let last = t.last, "。；;，,.".contains(last) { t.removeLast() }
        return t
    }

    static func closed(_ text: String) -> String { bare(text) + "。" }

    public static func compose(_ letter: SupervisionLetter, of matter: SupervisionMatter) -> SupervisionDocument {
        var blocks: [MediationDocument.Block] = [.subtitle(letter.number), .paragraph("\(letter.recipient)：")]
        let seal = "\(matter.orgName)劳动法律监督委员会（盖章）"
        let due = letter.dueOn.map { "\($0.chineseDate)前" } ?? ""
        switch letter.kind {
        case .reminder:
            blocks.append(.paragraph("本会在劳动法律监督中发现，你单位存在以下情况：\(closed(letter.violation))"))
            blocks.append(.paragraph("上述情况不符合\(bare(letter.legalBasis))的规定。根据《中华人民共和国工会法》第二十二条、《中华人民共和国劳动法》第八十八条，"
                                     + "特提示你单位对照检查，依法纠正：\(closed(letter.correction))"))
            blocks.append(.paragraph("请于\(due)将整改情况书面反馈本会。"))
        case .opinion:
            let reminder = matter.letters.first { $0.kind == .reminder && $0.issuedOn <= letter.issuedOn }
            if let reminder {
                blocks.append(.paragraph("本会于\(reminder.issuedOn.chineseDate)向你单位发出《\(SupervisionLetterKind.reminder.title)》（\(reminder.number)），"
                                         + (reminder.answerResult.map { "你单位答复“\($0.title)”，" } ?? "你单位未在期限内书面答复，") + "有关问题仍未纠正。"))
            }
            blocks.append(.heading("一、违法事实"))
            blocks.append(.paragraph(letter.violation))
            blocks.append(.heading("二、法律依据"))
            blocks.append(.paragraph(letter.legalBasis))
            blocks.append(.heading("三、整改要求"))
            blocks.append(.paragraph(letter.correction))
            blocks.append(.paragraph("根据《中华人民共和国工会法》第二十二条、《中华人民共和国劳动合同法》第七十八条，请你单位依法整改，并于\(due)将整改情况书面答复本会。"
                                     + "逾期不答复或者拒不整改的，本会将提请劳动行政部门依法处理。"))
        case .proposal:
            let opinion = matter.letters.last { $0.kind == .opinion && $0.issuedOn <= letter.issuedOn }
            var story = "本会在劳动法律监督中发现，\(matter.employerName)" + (matter.employerCreditCode.map { "（统一社会信用代码 \($0)）" } ?? "") + "存在以下违法情形：\(closed(letter.violation))"
            if let opinion {
                story += "本会已于\(opinion.issuedOn.chineseDate)向该单位发出《\(SupervisionLetterKind.opinion.title)》（\(opinion.number)），要求其于\(opinion.dueOn?.chineseDate ?? "")前整改并书面答复，"
                    + (opinion.answerResult.map { "该单位答复“\($0.title)”，违法情形仍未纠正。" } ?? "该单位逾期未作答复，违法情形仍未纠正。")
            }
            blocks.append(.paragraph(story))
            blocks.append(.heading("法律依据"))
            blocks.append(.paragraph(letter.legalBasis))
            blocks.append(.paragraph("根据《中华人民共和国工会法》第二十二条，建议贵单位依法调查处理，责令其改正（\(bare(letter.correction))），并请将处理结果函告本会。"))
        }
        if let caseNo = matter.caseNo { blocks.append(.note("关联劳动争议案件：\(caseNo)")) }
        blocks.append(.signatures([seal, letter.issuedOn.chineseDate]))
        if letter.kind != .proposal {
            blocks.append(.heading("送达回执"))
            blocks.append(.fields([("文书", "\(letter.kind.shortTitle)（\(letter.number)）"), ("受送达单位", letter.recipient),
                                   ("签收人", ""), ("签收日期", "")]))
        }
        return SupervisionDocument(title: letter.kind.title, number: letter.number, blocks: blocks)
    }
}
