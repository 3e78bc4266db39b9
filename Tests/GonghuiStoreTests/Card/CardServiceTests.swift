import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// The member card in the store: a request from the portal and the union's issuing file, the bank's
/// result and the uses recorded all rows or none (every bad row named), activation, one live card
/// per member, and the measures of a node against a model of the cards.
@Suite("Member card: issuing, results, uses, measures")
struct CardServiceTests {
    static func d(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    static func card(_ i: Int) -> CardNumber {
        let body = "622202" + String(format: "%012d", 4_000 + i)
        return try! CardNumber(body + String(CardNumber.checkDigit(for: body)))
    }

    @Test(arguments: Engines.all)
    func fromTheRequestToTheMeasures(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            let clerk = try await SmallTree.actor(t.store, org: "JA", username: "clerk-ja")
            var people: [Member] = []
            for n in 1...5 { people.append(try await LoanServiceTests.member(t, 10 + n, woman: n % 2 == 0)) }
            let ids = try await t.store.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.status = 'active' AND o.code = 'JA01'").first()!.decode(column: "n", as: Int.self)
            }
            let c = t.store.cards
            // The first asks in the portal, choosing a branch; a second request is refused.
            let asked = try await c.request(memberID: people[0].id, branch: "工行江岸支行", today: Self.d("2026-03-01"))
            #expect(asked.state == .requested)
            await #expect(throws: StoreError.self) { _ = try await c.request(memberID: people[0].id, branch: "工行", today: Self.d("2026-03-02")) }
            // The union's file: every member of JA01 in good standing, the one who asked with their branch.
            let (fileNo, lines) = try await c.issuingFile(orgCode: "JA01", allMembers: true, branch: "建行黄浦支行", actor: clerk, today: Self.d("2026-03-05"))
            #expect(lines.count == ids && fileNo == "FK-JA01-2026-0001")
            #expect(lines.first { $0.name == people[0].name }?.branch == "工行江岸支行" && lines.allSatisfy { $0.idNumber.count == 18 })
            // Another county finds none of them.
            let other = try await SmallTree.actor(t.store, org: "XL", username: "clerk-xl")
            let idsOf = try people.map { p in try IDNumber(lines.first(where: { l in l.name == p.name })!.idNumber) }
            do {
                _ = try await c.importResults([CardResultRow(row: 2, idNumber: idsOf[0], cardNumber: Self.card(0), issuedOn: Self.d("2026-03-20"), reason: nil)],
                                             fileName: "x.csv", actor: other)
                Issue.record("another county recorded a result")
            } catch StoreError.invalid(let problems) { #expect(problems.map(\.field) == ["第 2 行 身份证号"]) }
            // A file with a card number twice: nothing recorded.
            let twice = [CardResultRow(row: 2, idNumber: idsOf[0], cardNumber: Self.card(0), issuedOn: Self.d("2026-03-20"), reason: nil),
                         CardResultRow(row: 3, idNumber: idsOf[1], cardNumber: Self.card(0), issuedOn: Self.d("2026-03-20"), reason: nil)]
            do {
                _ = try await c.importResults(twice, fileName: "twice.csv", actor: clerk)
                Issue.record("a card number on two cards was accepted")
            } catch StoreError.invalid(let problems) { #expect(problems.map(\.field) == ["第 3 行 卡号"]) }
            #expect(try await c.memberCard(memberID: people[0].id)?.state == .issuing)
            // The bank made four and could not make the fifth.
            var rows = (0..<4).map { CardResultRow(row: $0 + 2, idNumber: idsOf[$0], cardNumber: Self.card($0), issuedOn: Self.d("2026-03-20"), reason: nil) }
            rows.append(CardResultRow(row: 6, idNumber: idsOf[4], cardNumber: nil, issuedOn: nil, reason: "身份信息核验未通过"))
            let r = try await c.importResults(rows, fileName: "results.csv", actor: clerk)
            #expect(r.issued == 4 && r.refused == 1)
            let mine = try await c.memberCard(memberID: people[0].id)
            #expect(mine?.state == .issued && mine?.cardMasked == Self.card(0).masked)
            let sealed = try await t.store.database.read { db in try await db.raw("SELECT card_enc FROM member_cards WHERE member_id = \(bind: people[0].id)").first()!.decode(column: "card_enc", as: String.self) }
            #expect(!sealed.contains(Self.card(0).value))
            // The first activates in the portal; the others' first use activates them.
            _ = try await c.activate(memberID: people[0].id, today: Self.d("2026-03-25"))
            // Uses: card 0 every month from April to November; card 1 once in October; card 2 once in
            // May; card 3 never.
            var uses: [CardUsageRow] = []
            for m in 4...11 { uses.append(CardUsageRow(row: uses.count + 2, cardNumber: Self.card(0), usedOn: CivilDate(year: 2026, month: m, day: 10)!, merchant: "职工书屋",
                                                       amount: Money(yuan: 100), discount: Money(yuan: 10), reference: "U0-\(m)")) }
            uses.append(CardUsageRow(row: uses.count + 2, cardNumber: Self.card(1), usedOn: Self.d("2026-10-01"), merchant: "职工医院", amount: Money(yuan: 300), discount: .zero, reference: "U1"))
            uses.append(CardUsageRow(row: uses.count + 2, cardNumber: Self.card(2), usedOn: Self.d("2026-05-02"), merchant: "超市", amount: Money(yuan: 50), discount: Money(yuan: 5), reference: "U2"))
            // A bad file: the refused member's number (never issued) and a reference twice.
            let bad = uses + [CardUsageRow(row: 20, cardNumber: Self.card(4), usedOn: Self.d("2026-06-01"), merchant: "超市", amount: Money(yuan: 1), discount: .zero, reference: "B1"),
                              CardUsageRow(row: 21, cardNumber: Self.card(1), usedOn: Self.d("2026-06-01"), merchant: "超市", amount: Money(yuan: 1), discount: .zero, reference: "U1")]
            var batches = [Array(bad.prefix(5)), Array(bad.dropFirst(5))]
            do {
                _ = try await c.importUsage(next: { batches.isEmpty ? nil : batches.removeFirst() }, fileName: "bad.csv", actor: clerk)
                Issue.record("a bad uses file was recorded")
            } catch StoreError.invalid(let problems) { #expect(problems.map(\.field) == ["第 20 行 卡号", "第 21 行 流水号"]) }
            let none = try await t.store.database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM card_usage").first()!.decode(column: "n", as: Int.self) }
            #expect(none == 0)
            batches = [Array(uses.prefix(3)), Array(uses.dropFirst(3))]
            let done = try await c.importUsage(next: { batches.isEmpty ? nil : batches.removeFirst() }, fileName: "uses.csv", actor: clerk)
            #expect(done.rows == 10 && done.cards == 3)
            let two = try await c.memberCard(memberID: people[2].id)
            #expect(two?.state == .active && two?.activatedOn == Self.d("2026-05-02") && two?.lastUsedOn == Self.d("2026-05-02"))

            // The measures on 7 December against the model: 4 issued, 3 activated (card 3 never
            // used nor activated), used in 90 days (8 Sep – 7 Dec): cards 0 and 1; lasting (6 of
            // the 12 months): card 0; sleeping: card 3 (issued 20 March, never activated) and card 2
            // (last used 2 May, 219 days).
            try await c.setTarget(orgCode: "JA", year: 2026, target: 8, actor: clerk)
            let m = try await c.measures(orgCode: "JA", asOf: Self.d("2026-12-07"), actor: clerk)
            let ja = m.total
            #expect(ja.issued == 4 && ja.activated == 3 && ja.used == 2 && ja.lasting == 1 && ja.sleeping == 2)
            #expect(ja.activationRate == "0.7500" && ja.usageRate == "0.6667" && ja.lastingRate == "0.3333" && ja.target == 8 && ja.targetDone == "0.5000")
            #expect(m.rows.first { $0.orgCode == "JA01" }?.issued == 4 && m.rows.first { $0.orgCode == "JA02" }?.issued == 0)
            // As of 1 June: card 0 used in April–May, card 2 in May: both used; none lasting yet.
            let june = try await c.measures(orgCode: "JA", asOf: Self.d("2026-06-01"), actor: clerk).total
            #expect(june.used == 2 && june.lasting == 0)
            let sleeping = try await c.sleeping(orgCode: "JA", asOf: Self.d("2026-12-07"), actor: clerk)
            #expect(Set(sleeping.map(\.card.memberID)) == [people[2].id, people[3].id])
            #expect(sleeping.first { $0.card.memberID == people[3].id }?.why == .notActivated(days: 262))
            // Over time: issued on 20 March, used in May by cards 0 and 2, in October by 0 and 1.
            let months = try await c.monthly(orgCode: "JA", asOf: Self.d("2026-12-07"), actor: clerk)
            #expect(months.count == 12 && months.first?.month == "2026-01" && months.last?.month == "2026-12")
            #expect(months.first { $0.month == "2026-02" }?.issued == 0 && months.first { $0.month == "2026-03" }?.issued == 4)
            #expect(months.first { $0.month == "2026-05" }?.used == 2 && months.first { $0.month == "2026-10" }?.used == 2 && months.first { $0.month == "2026-12" }?.used == 0)
            // The bank's activation file: a day before the issue named; then card 3 activated on 1 April.
            do {
                _ = try await c.importActivations([(2, Self.card(3), Self.d("2026-03-01"))], fileName: "a.csv", actor: clerk, today: Self.d("2026-12-07"))
                Issue.record("an activation before the issue was accepted")
            } catch StoreError.invalid(let problems) { #expect(problems.map(\.field) == ["第 2 行 激活日期"]) }
            let act = try await c.importActivations([(2, Self.card(3), Self.d("2026-04-01")), (3, Self.card(0), Self.d("2026-04-01"))], fileName: "a.csv", actor: clerk,
                                                    today: Self.d("2026-12-07"))
            #expect(act.activated == 1 && act.already == 1)
            #expect(try await c.memberCard(memberID: people[3].id)?.activatedOn == Self.d("2026-04-01"))
        }
    }
}
