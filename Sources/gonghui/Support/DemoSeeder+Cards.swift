import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiStore

/// The member service card for the demo: the demo county's members asked for cards over the last
/// two years, the bank issued nearly all (one refused), most were activated and used — some every
/// month, some once, some never (sleeping cards) — the county has a target for the year, and its
/// city's union signed merchants in every category, one contract ending within the month.
extension DemoSeeder {
    func addCards(province: DemoProvince) async throws {
        let actor = Actor.system("demo")
        let today = CivilDate.today()
        guard let county = province.accounts.first(where: { $0.username == "county" })?.orgCode,
              let city = province.orgs.first(where: { $0.code == county })?.parentCode else { return }
        let c = store.cards
        let (fileNo, lines) = try await c.issuingFile(orgCode: county, allMembers: true, branch: "工行江岸支行", actor: actor, today: today.adding(days: -700))
        guard !lines.isEmpty else { return }
        var rows: [CardResultRow] = []
        for (i, l) in lines.enumerated() {
            let id = try IDNumber(l.idNumber)
            if i == lines.count - 1 {
                rows.append(CardResultRow(row: i + 2, idNumber: id, cardNumber: nil, issuedOn: nil, reason: "身份信息核验未通过"))
                continue
            }
            let body = "622202" + String(format: "%012d", 100_000 + i)
            // Issued over the last two years, the newest last month.
            let issued = today.adding(days: -(30 + (i * 670) / max(lines.count, 1)))
            rows.append(CardResultRow(row: i + 2, idNumber: id, cardNumber: try CardNumber(body + String(CardNumber.checkDigit(for: body))), issuedOn: issued, reason: nil))
        }
        _ = try await c.importResults(rows, fileName: "\(fileNo)-结果.csv", actor: actor)
        // Uses by thirds of the cards.
        let merchantsNames = ["中百超市", "江岸区职工医院", "木兰天池景区", "江岸区职工书屋", "武汉职业技能培训中心"]
        var uses: [CardUsageRow] = []
        for (i, r) in rows.enumerated() {
            guard let number = r.cardNumber, let issued = r.issuedOn else { continue }
            let pattern = i % 3
            // Every month of the last year; twice, five and seven months ago (asleep by now for some); never.
            let offsets = pattern == 0 ? Array(0..<12) : (pattern == 1 ? [5, 7] : [])
            for m in offsets {
                let day = today.adding(months: -m).adding(days: -(i % 20))
                guard day >= issued, day <= today else { continue }
                let fen = Int64(2_000 + (i * 37 + m * 911) % 30_000)
                uses.append(CardUsageRow(row: uses.count + 2, cardNumber: number, usedOn: day, merchant: merchantsNames[(i + m) % merchantsNames.count],
                                         amount: Money(fen: fen), discount: Money(fen: fen / 10), reference: "DEMO-\(i)-\(m)"))
            }
        }
        if !uses.isEmpty {
            var batches = stride(from: 0, to: uses.count, by: 2000).map { Array(uses[$0..<min($0 + 2000, uses.count)]) }
            _ = try await c.importUsage(next: { batches.isEmpty ? nil : batches.removeFirst() }, fileName: "演示用卡记录.csv", actor: actor)
        }
        try await c.setTarget(orgCode: county, year: today.year, target: max(10, lines.count * 3 / 2), actor: actor)
        let merchants: [(String, MerchantCategory, String, Int)] = [
            ("中百超市（江岸店）", .shopping, "持卡购物满 100 元减 10 元", 400), ("江岸区职工医院", .medical, "职工体检套餐八折，挂号费全免", 300),
            ("木兰天池景区", .travel, "持卡门票半价", 20), ("江岸区职工书屋", .cultureSport, "持卡购书八五折，借阅免押金", 200),
            ("武汉职业技能培训中心", .training, "技能培训课程学费九折", 500),
        ]
        for (i, m) in merchants.enumerated() {
            _ = try await c.addMerchant(orgCode: city, CardMerchantDraft(name: m.0, category: m.1, address: "武汉市江岸区解放大道 \(100 + i * 17) 号", phone: "027-8280\(1000 + i)",
                                                                         discount: m.2, contractNo: "PH-\(today.year)-\(String(format: "%02d", i + 1))",
                                                                         contractFrom: today.adding(days: -200), contractTo: today.adding(days: m.3)), actor: actor)
        }
    }
}
