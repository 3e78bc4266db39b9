import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Claims in the store, at the rules' edges with the example terms (70 yuan; 90 days' waiting;
/// half of the out-of-pocket costs above 1,000 yuan, at most 5,000 a stay and 20,000 a round;
/// 20,000 for a listed major illness; 90 days to claim; the owner approves above 10,000): the
/// waiting period's last day, the time limit's last day, the same stay twice, a stay across the
/// round's end, the cap reached exactly, the maker-checker rule, the owner's approval, refusal
/// seen by the worker, payment through a batch never twice, scope.
@Suite("Mutual aid: claims, decisions and payment")
struct MutualAidClaimTests {
    static func d(_ s: String) -> CivilDate { MutualAidServiceTests.d(s) }
    static let pdf = Array("%PDF-1.4\n出院小结\n%%EOF\n".utf8)

    static func stay(_ from: String, _ to: String, total: Int64, insurance: Int64) -> MutualAidEvent {
        MutualAidEvent(kind: .hospitalStay, on: d(from), dischargedOn: d(to), totalCost: Money(yuan: total), insurancePaid: Money(yuan: insurance))
    }

    static func draft(_ round: MutualAidRound, _ event: MutualAidEvent, benefit: String = "stay") -> MutualAidClaimDraft {
        MutualAidClaimDraft(roundID: round.id, benefitCode: benefit, event: event, bankName: "中国工商银行武汉江岸支行", bankAccount: "6222 0202 0000 1234 567",
                            papers: [(.dischargeSummary, "出院小结.pdf", pdf)])
    }

    /// A city plan with 2025 and 2026 rounds; JA01's member 0 renewing (no waiting), member 1
    /// new on 10 January 2026 (waiting to 10 April), both paid for on 20 January.
    static func setUp(_ t: TestStore) async throws -> (MutualAidRound, [Member]) {
        try await SmallTree.build(t.store)
        let s = t.store.mutualAid
        let city = try await SmallTree.actor(t.store, org: "WH")
        let county = try await SmallTree.actor(t.store, org: "JA")
        let terms = MutualAidServiceTests.terms
        _ = try await s.createPlan(code: "WH-ZY", name: "武汉市职工医疗互助", kind: .hospitalization, ownerCode: "WH", actor: city)
        let r2025 = try await s.addRound(planCode: "WH-ZY", name: "2025 年度", startsOn: d("2025-01-01"), endsOn: d("2025-12-31"),
                                         enrollmentOpens: d("2024-12-01"), enrollmentCloses: d("2025-06-30"), terms: terms, actor: city)
        let r2026 = try await s.addRound(planCode: "WH-ZY", name: "2026 年度", startsOn: d("2026-01-01"), endsOn: d("2026-12-31"),
                                         enrollmentOpens: d("2025-12-01"), enrollmentCloses: d("2026-06-30"), terms: terms, actor: city)
        var members: [Member] = []
        for i in 0..<2 { members.append(try await SmallTree.member(t.store, id: MutualAidServiceTests.ids(i), name: "会员\(i)", org: "JA01")) }
        _ = try await s.enroll(roundID: r2025.id, unitCode: "JA01", memberIDs: [members[0].id], actor: county, today: d("2025-03-01"))
        _ = try await s.enroll(roundID: r2026.id, unitCode: "JA01", actor: county, today: d("2026-01-10"))
        _ = try await s.recordPayment(roundID: r2026.id, unitCode: "JA01", amount: Money(yuan: 140), receivedOn: d("2026-01-20"), receiptNo: "HZ-1",
                                      actor: county, today: d("2026-01-20"))
        return (r2026, members)
    }

    @Test(arguments: Engines.all)
    func theRulesAtTheirEdges(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (round, m) = try await Self.setUp(t)
            let s = t.store.mutualAid
            let clerk = try await SmallTree.actor(t.store, org: "JA", username: "clerk-ja")

            // Admitted on the waiting period's last day (10 April): not covered; the next day is.
            await #expect(throws: StoreError.invalid([FieldProblem(field: "event_on", value: "2026-04-10",
                                                                   reason: "事发日 2026-04-10 在等待期内（2026-01-10 参保，等待期 90 天至 2026-04-10）")])) {
                _ = try await s.fileClaim(memberID: m[1].id, Self.draft(round, Self.stay("2026-04-10", "2026-04-20", total: 12_000, insurance: 6_000)),
                                          actor: clerk, today: Self.d("2026-05-01"))
            }
            // Discharged 1 May: the 90th day after is 30 July, the last day to claim.
            await #expect(throws: StoreError.invalid([FieldProblem(field: "discharged_on", value: "2026-05-01",
                                                                   reason: "已超过申请时效：应在出院后 90 天内申请，最后一天为 2026-07-30")])) {
                _ = try await s.fileClaim(memberID: m[1].id, Self.draft(round, Self.stay("2026-04-11", "2026-05-01", total: 12_000, insurance: 6_000)),
                                          actor: clerk, today: Self.d("2026-07-31"))
            }
            let first = try await s.fileClaim(memberID: m[1].id, Self.draft(round, Self.stay("2026-04-11", "2026-05-01", total: 12_000, insurance: 6_000)),
                                              actor: clerk, today: Self.d("2026-07-30"))
            // (12,000 − 6,000 − 1,000) × 50% = 2,500, the arithmetic shown.
            #expect(first.state == .filed && first.amount == Money(yuan: 2_500) && first.claimNo == "MA-2026-\(String(format: "%06lld", first.id))")
            #expect(first.lines.first == "住院总费用 12,000.00 元 − 医保统筹支付 6,000.00 元 = 个人负担 6,000.00 元" && first.lines.last == "核定给付 2,500.00 元")
            // The same stay again (overlapping days) is refused.
            await #expect(throws: StoreError.invalid([FieldProblem(field: "event_on", value: "2026-05-01",
                                                                   reason: "与已申请的 \(first.claimNo)（住院 2026-04-11 至 2026-05-01）日期重叠，同一次住院不能重复申请")])) {
                _ = try await s.fileClaim(memberID: m[1].id, Self.draft(round, Self.stay("2026-05-01", "2026-05-03", total: 3_000, insurance: 1_000)),
                                          actor: clerk, today: Self.d("2026-07-30"))
            }
            // Who recorded it does not review it (maker-checker); the reviewer does.
            let reviewer = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "reviewer-ja")
            await #expect(throws: StoreError.self) { _ = try await s.review(claimID: first.id, approve: true, actor: clerk, today: Self.d("2026-08-01")) }
            // A unit union registers claims but does not decide them.
            let unit = try await SmallTree.actor(t.store, org: "JA01", role: .reviewer, username: "unit-ja01")
            await #expect(throws: StoreError.forbidden("理赔由县级及以上工会审核，基层工会可登记申请和补充材料")) {
                _ = try await s.review(claimID: first.id, approve: true, actor: unit, today: Self.d("2026-08-01"))
            }
            // Another county neither sees nor decides it.
            let other = try await SmallTree.actor(t.store, org: "XL", role: .reviewer, username: "reviewer-xl")
            await #expect(throws: StoreError.notFound(entity: "理赔申请", key: String(first.id))) {
                _ = try await s.review(claimID: first.id, approve: true, actor: other, today: Self.d("2026-08-01"))
            }
            #expect(try await s.claims(actor: other).isEmpty)
            let approved = try await s.review(claimID: first.id, approve: true, actor: reviewer, today: Self.d("2026-08-01"))
            #expect(approved.state == .approved && approved.amount == Money(yuan: 2_500) && approved.reviewedBy == "reviewer-ja")

            // A stay across the round's end belongs to the round of admission.
            let across = try await s.fileClaim(memberID: m[1].id, Self.draft(round, Self.stay("2026-12-28", "2027-01-05", total: 5_000, insurance: 2_000)),
                                               actor: clerk, today: Self.d("2027-01-10"))
            #expect(across.amount == Money(yuan: 1_000))

            // A major illness (20,000) is above the owner's threshold: the county reviews, the
            // city approves; the county cannot.
            var illness = Self.draft(round, MutualAidEvent(kind: .majorIllness, on: Self.d("2026-03-02"), diagnosis: "恶性肿瘤"), benefit: "illness")
            illness.papers = [(.diagnosis, "诊断证明.pdf", Self.pdf)]
            let big = try await s.fileClaim(memberID: m[0].id, illness, actor: clerk, today: Self.d("2026-03-20"))
            let reviewed = try await s.review(claimID: big.id, approve: true, actor: reviewer, today: Self.d("2026-03-21"))
            #expect(reviewed.state == .awaitingOwner && reviewed.amount == Money(yuan: 20_000))
            let countyHead = try await SmallTree.actor(t.store, org: "JA", username: "head-ja")
            await #expect(throws: StoreError.forbidden("超过限额的理赔由计划所属工会（武汉市总工会）审批")) {
                _ = try await s.ownerDecide(claimID: big.id, approve: true, actor: countyHead, today: Self.d("2026-03-22"))
            }
            #expect(try await s.claimsAwaiting(actor: SmallTree.actor(t.store, org: "WH")).map(\.id).contains(big.id))
            let city = try await SmallTree.actor(t.store, org: "WH", username: "head-wh")
            #expect(try await s.ownerDecide(claimID: big.id, approve: true, actor: city, today: Self.d("2026-03-22")).state == .approved)
            // The same diagnosis again this round pays nothing, so it cannot be filed.
            await #expect(throws: StoreError.invalid([FieldProblem(field: "benefit", value: "重大疾病互助金", reason: "“恶性肿瘤”本轮已给付过，同一病种每轮给付一次")])) {
                _ = try await s.fileClaim(memberID: m[0].id, illness, actor: clerk, today: Self.d("2026-04-20"))
            }

            // Refused with a reason the worker sees.
            let refusedOne = try await s.fileClaim(memberID: m[0].id, Self.draft(round, Self.stay("2026-02-01", "2026-02-05", total: 3_000, insurance: 1_500)),
                                                   actor: clerk, today: Self.d("2026-02-10"))
            await #expect(throws: StoreError.invalid([FieldProblem(field: "reason", value: "", reason: "请填写不予给付的理由（职工可以看到，最多 500 字）")])) {
                _ = try await s.review(claimID: refusedOne.id, approve: false, actor: reviewer)
            }
            _ = try await s.review(claimID: refusedOne.id, approve: false, reason: "发票为复印件，请提交原件", actor: reviewer, today: Self.d("2026-02-12"))
            let seen = try await s.portalClaims(memberID: m[0].id).first { $0.id == refusedOne.id }
            #expect(seen?.state == .refused && seen?.reason == "发票为复印件，请提交原件")
            // Refused, the same stay may be filed again.
            _ = try await s.fileClaim(memberID: m[0].id, Self.draft(round, Self.stay("2026-02-01", "2026-02-05", total: 3_000, insurance: 1_500)),
                                      actor: clerk, today: Self.d("2026-02-20"))
        }
    }

    /// Four stays of 5,000 reach the round's 20,000 exactly; a fifth is refused at filing.
    @Test(arguments: Engines.all)
    func theRoundCapReachedExactly(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (round, m) = try await Self.setUp(t)
            let s = t.store.mutualAid
            let clerk = try await SmallTree.actor(t.store, org: "JA", username: "clerk-ja")
            let reviewer = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "reviewer-ja")
            for month in 2...5 {
                let mm = String(format: "%02d", month)
                let c = try await s.fileClaim(memberID: m[0].id, Self.draft(round, Self.stay("2026-\(mm)-01", "2026-\(mm)-10", total: 30_000, insurance: 10_000)),
                                              actor: clerk, today: Self.d("2026-\(mm)-15"))
                #expect(c.amount == Money(yuan: 5_000))
                _ = try await s.review(claimID: c.id, approve: true, actor: reviewer, today: Self.d("2026-\(mm)-16"))
            }
            let cover = try #require(try await s.portalCover(memberID: m[0].id, today: Self.d("2026-06-01")).first { $0.round.id == round.id })
            #expect(cover.benefits.first { $0.benefit.code == "stay" }.map { ($0.received, $0.left) }! == (Money(yuan: 20_000), Money.zero))
            #expect(cover.coveredFrom == Self.d("2026-01-20") && cover.waitingEnds == nil)
            await #expect(throws: StoreError.invalid([FieldProblem(field: "benefit", value: "住院医疗互助金",
                                                                   reason: "本轮限额 20,000.00 元，已给付 20,000.00 元，尚余 0.00 元，按 0.00 元计")])) {
                _ = try await s.fileClaim(memberID: m[0].id, Self.draft(round, Self.stay("2026-06-01", "2026-06-03", total: 3_000, insurance: 1_000)),
                                          actor: clerk, today: Self.d("2026-06-10"))
            }
        }
    }

    /// The worker files in the portal; approved claims go into a batch of the county, approved
    /// by another officer; the bank's result pays each once; a second file changes nothing.
    @Test(arguments: Engines.all)
    func paidThroughABatchNeverTwice(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (round, m) = try await Self.setUp(t)
            let s = t.store.mutualAid
            let reviewer = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "reviewer-ja")
            let today = CivilDate.today()
            let mine = try await s.fileClaimFromPortal(memberID: m[0].id, Self.draft(round, Self.stay("2026-11-02", "2026-11-06", total: 4_000, insurance: 2_000)),
                                                       today: Self.d("2026-11-20"))
            #expect(mine.channel == "portal" && mine.recordedBy == nil && mine.amount == Money(yuan: 500))
            _ = try await s.review(claimID: mine.id, approve: true, actor: reviewer, today: Self.d("2026-11-21"))
            let maker = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "maker-ja")
            let batch = try await s.createBatch(roundID: round.id, actor: maker)
            #expect(batch.roundID == round.id && batch.cycleID == nil && batch.lineCount == 1 && batch.total == Money(yuan: 500))
            #expect(try await s.claim(id: mine.id, actor: reviewer).state == .inBatch)
            await #expect(throws: StoreError.conflict(code: "nothing_to_pay", message: "没有已批准待发放的理赔")) { _ = try await s.createBatch(roundID: round.id, actor: maker) }
            _ = try await t.store.assistance.approveBatch(id: batch.id, actor: reviewer)
            let (_, lines) = try await t.store.assistance.exportBatch(id: batch.id, actor: reviewer)
            #expect(lines.map(\.account) == ["6222020200001234567"] && lines.map(\.name) == ["会员0"])
            _ = try await t.store.assistance.recordBankResults(batchID: batch.id, [BankResult(row: 2, reference: lines[0].reference, paid: true)], actor: .system("bank"))
            let paid = try await s.claim(id: mine.id, actor: reviewer)
            #expect(paid.state == .paid && paid.paidOn == today)
            let again = try await t.store.assistance.recordBankResults(batchID: batch.id, [BankResult(row: 2, reference: lines[0].reference, paid: true)], actor: .system("bank"))
            #expect(again.paid == 0 && again.alreadyRecorded == 1)
            #expect(try await t.store.assistance.batchLines(id: batch.id, actor: reviewer).map(\.claimID) == [mine.id])
            #expect(try await s.batches(roundID: round.id, actor: reviewer).map(\.id) == [batch.id])
            let inbox = try await t.store.notifications.inbox(memberID: m[0].id)
            #expect(inbox.items.contains { $0.title == "互助金 500.00 元已发放" })
        }
    }

    /// A batch paid to the member service card: the member holding an active card is paid to the
    /// card's account, the one without to the account on the claim.
    @Test(arguments: Engines.all)
    func paidToTheMembersCard(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (round, m) = try await Self.setUp(t)
            let s = t.store.mutualAid
            let reviewer = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "reviewer-ja")
            var claims: [Int64] = []
            for member in m.prefix(2) {
                let c = try await s.fileClaimFromPortal(memberID: member.id, Self.draft(round, Self.stay("2026-11-02", "2026-11-06", total: 4_000, insurance: 2_000)),
                                                        today: Self.d("2026-11-20"))
                _ = try await s.review(claimID: c.id, approve: true, actor: reviewer, today: Self.d("2026-11-21"))
                claims.append(c.id)
            }
            // The first member's card: asked for, issued, activated.
            _ = try await t.store.cards.request(memberID: m[0].id, branch: "工行", today: Self.d("2026-10-01"))
            let (_, lines) = try await t.store.cards.issuingFile(orgCode: "JA", allMembers: false, branch: "", actor: .system("t"), today: Self.d("2026-10-02"))
            let body = "622202000000777777"
            let number = try CardNumber(body + String(CardNumber.checkDigit(for: body)))
            _ = try await t.store.cards.importResults([CardResultRow(row: 2, idNumber: try IDNumber(lines[0].idNumber), cardNumber: number, issuedOn: Self.d("2026-10-10"),
                                                                     reason: nil)], fileName: "r.csv", actor: .system("t"))
            _ = try await t.store.cards.activate(memberID: m[0].id, today: Self.d("2026-10-20"))
            let maker = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "maker-ja")
            let batch = try await s.createBatch(roundID: round.id, toCard: true, actor: maker)
            _ = try await t.store.assistance.approveBatch(id: batch.id, actor: reviewer)
            let (_, paid) = try await t.store.assistance.exportBatch(id: batch.id, actor: reviewer)
            let byClaim = Dictionary(uniqueKeysWithValues: try await t.store.assistance.batchLines(id: batch.id, actor: reviewer).map { ($0.claimID!, $0.reference) })
            let account = Dictionary(uniqueKeysWithValues: paid.map { ($0.reference, ($0.account, $0.bankName)) })
            #expect(account[byClaim[claims[0]]!]?.0 == number.value && account[byClaim[claims[0]]!]?.1 == "工会会员服务卡")
            #expect(account[byClaim[claims[1]]!]?.0 != number.value && account[byClaim[claims[1]]!]?.1 != "工会会员服务卡")
        }
    }

    /// The round's figures against a model computed from the claims themselves: per node, per
    /// child, the payout ratio to four decimals, mean days to pay, by benefit.
    @Test(arguments: Engines.all)
    func figuresAgainstAModel(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (round, m) = try await Self.setUp(t)
            let s = t.store.mutualAid
            let county = try await SmallTree.actor(t.store, org: "JA")
            let reviewer = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "reviewer-ja")
            // JA02: one member enrolled, not paid for.
            let third = try await SmallTree.member(t.store, id: MutualAidServiceTests.ids(5), name: "会员5", org: "JA02")
            _ = try await s.enroll(roundID: round.id, unitCode: "JA02", actor: county, today: Self.d("2026-02-01"))
            let a = try await s.fileClaim(memberID: m[0].id, Self.draft(round, Self.stay("2026-03-01", "2026-03-05", total: 8_000, insurance: 4_000)), actor: county,
                                          today: Self.d("2026-03-10"))
            let b = try await s.fileClaim(memberID: m[1].id, Self.draft(round, Self.stay("2026-05-01", "2026-05-03", total: 2_500, insurance: 1_000)), actor: county,
                                          today: Self.d("2026-05-10"))
            let c = try await s.fileClaim(memberID: m[0].id, Self.draft(round, Self.stay("2026-06-01", "2026-06-02", total: 3_000, insurance: 1_000)), actor: county,
                                          today: Self.d("2026-06-10"))
            for x in [a, b] { _ = try await s.review(claimID: x.id, approve: true, actor: reviewer, today: Self.d("2026-06-11")) }
            _ = try await s.review(claimID: c.id, approve: false, reason: "材料不全", actor: reviewer, today: Self.d("2026-06-11"))
            let batch = try await s.createBatch(roundID: round.id, actor: .system("t"))
            let lines = try await t.store.assistance.batchLines(id: batch.id, actor: .system("t"))
            _ = try await t.store.assistance.recordBankResults(batchID: batch.id, lines.enumerated().map { BankResult(row: $0.offset + 2, reference: $0.element.reference, paid: true) },
                                                               actor: .system("t"))
            // The model: what was paid, what was received, from the claims and the payment.
            let claims = try await s.claims(roundID: round.id, actor: .system("t"))
            let paid = claims.filter { $0.state == .paid }
            let paidFen = paid.reduce(Int64(0)) { $0 + $1.amount.fen }
            #expect(paidFen == Money(yuan: 1_500 + 250).fen)
            let receivedFen = Money(yuan: 140).fen
            let ratio = Double(paidFen) / Double(receivedFen)
            let days = Double(paid.map { $0.daysToPay! }.reduce(0, +)) / Double(paid.count)

            let city = try await s.report(roundID: round.id, orgCode: "WH", actor: .system("t"))
            #expect(city.rows.map(\.orgCode) == ["WH", "JA"])
            let node = city.rows[0]
            #expect(node.enrolled == 3 && node.units == 2 && node.contributionsFen == receivedFen && node.contributionsDueFen == Money(yuan: 210).fen)
            #expect(node.claims == 3 && node.claimsApproved == 2 && node.claimsRefused == 1 && node.claimsPaid == 2 && node.benefitsPaidFen == paidFen)
            #expect(node.payoutRatio == String(format: "%.4f", ratio) && node.averageDaysToPay == (days * 10).rounded() / 10)
            #expect(city.rows[1] == node.with(code: "JA", name: city.rows[1].orgName))
            #expect(city.byBenefit.map { [$0.key, String($0.claims), String($0.benefitsPaidFen)] } == [["stay", "3", String(paidFen)]])
            let ja = try await s.report(roundID: round.id, orgCode: "JA", actor: county)
            #expect(ja.rows.map { [$0.orgCode, String($0.enrolled), String($0.contributionsFen), String($0.claimsPaid)] }
                    == [["JA", "3", String(receivedFen), "2"], ["JA01", "2", String(receivedFen), "2"], ["JA02", "1", "0", "0"]])
            #expect(ja.rows[2].payoutRatio == nil && third.orgCode == "JA02")
            // Another county's officer cannot ask for this county's figures.
            await #expect(throws: StoreError.self) { _ = try await s.report(roundID: round.id, orgCode: "JA", actor: SmallTree.actor(t.store, org: "XL")) }
        }
    }
}

extension MutualAidFiguresRow {
    /// The same figures under another node's name.
    func with(code: String, name: String) -> MutualAidFiguresRow {
        var r = self
        r.orgCode = code; r.orgName = name
        return r
    }
}
