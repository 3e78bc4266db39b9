import GonghuiDomain

extension Migrations {
    /// v23: a member in transfer stays in the standing they had at the releasing union until the
    /// receiving union accepts. Periods and members left as 转出 by the old rule get back the
    /// standing of the period before the release (在会 when there is none); the triggers on
    /// `member_periods` bring the totals and the kept days' figures along.
    static let transferKeepsStanding = Migration(version: 23, name: "transfer_keeps_standing", up: [
        """
        UPDATE member_periods SET status = COALESCE((SELECT q.status FROM member_periods q
            WHERE q.member_id = member_periods.member_id AND q.valid_to = member_periods.valid_from AND q.status <> 'transferred_out'
            ORDER BY q.valid_from DESC LIMIT 1), 'active')
        WHERE status = 'transferred_out'
        """,
        """
        UPDATE members SET status = COALESCE((SELECT p.status FROM member_periods p
            WHERE p.member_id = members.id AND p.valid_to IS NULL ORDER BY p.valid_from DESC LIMIT 1), 'active')
        WHERE status = 'transferred_out'
        """,
    ], down: nil)

    /// v24: each member's name in pinyin order (`NameOrder`), for lists sorted as people sort
    /// names. Written with every new or renamed member; rows from before are filled when the
    /// store opens (`MemberService.fillNameKeys`).
    static let memberNameKeys = Migration(version: 24, name: "member_name_keys", up: [
        "ALTER TABLE members ADD COLUMN name_key TEXT",
        "CREATE INDEX members_org_name_key ON members(org_id, name_key)",
    ], down: [
        "DROP INDEX members_org_name_key",
        "ALTER TABLE members DROP COLUMN name_key",
    ])
}

extension Migrations {
    /// v26: 民族, 学历, 政治面貌 and 户籍类型 kept as the national codes (`NationalCodes`): names
    /// and everyday words written before become their codes; anything else stays as written
    /// and is shown as it is until someone corrects it.
    static let memberCodeLists = Migration(version: 26, name: "member_code_lists", up: codeListUpdates(), down: nil)

    /// One UPDATE per word a list knows: its names and everyday words become its codes.
    static func codeListUpdates() -> [String] {
        var statements: [String] = []
        for (field, entry) in NationalCodes.memberLists.sorted(by: { $0.key < $1.key }) {
            var words: [(String, String)] = entry.list.entries.map { ($0.name, $0.code) }
            for (word, code) in entry.list.synonyms.sorted(by: { $0.key < $1.key }) { words.append((word, code)) }
            for (word, code) in words { statements.append("UPDATE members SET \(field) = '\(code)' WHERE \(field) = '\(word)'") }
        }
        return statements
    }
}
