import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

@Suite("Organization tree")
struct OrgTreeTests {
    @Test(arguments: Engines.all)
    func createChildrenAndRules(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)

        let kids = try await t.store.orgs.children(of: "JA", actor: system)
        #expect(kids.map(\.org.code) == ["JA01", "JA02"])
        #expect(kids.first?.employees == 100)

        // A county cannot sit under a grassroots union.
        await #expect(throws: StoreError.self) {
            _ = try await t.store.orgs.create(OrganizationDraft(code: "BAD", name: "错误", parentCode: "JA01", kind: .county), on: today, actor: system)
        }
        // Codes are unique.
        do {
            _ = try await t.store.orgs.create(OrganizationDraft(code: "JA01", name: "重复", parentCode: "JA", kind: .grassroots), on: today, actor: system)
            Issue.record("duplicate code accepted")
        } catch let e as StoreError {
            #expect(e.code == "duplicate_code")
        }
        }
    }

    @Test(arguments: Engines.all)
    func moveSubtreeKeepsScopes(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        _ = try await SmallTree.member(t.store, id: idNumber("42010219900307123"), name: "张三", org: "JA01")
        let wuhan = try await SmallTree.actor(t.store, org: "WH")
        let yichang = try await SmallTree.actor(t.store, org: "YC")
        #expect(try await t.store.members.search(name: "张", orgCode: nil, status: nil, actor: wuhan).total == 1)

        // Move the county JA from Wuhan to Yichang: its unions and members follow.
        let moved = try await t.store.orgs.move(code: "JA", toParent: "YC", on: today, actor: system)
        #expect(moved.parentCode == "YC")
        #expect(moved.depth == 2)
        #expect(try await t.store.members.search(name: "张", orgCode: nil, status: nil, actor: wuhan).total == 0)
        #expect(try await t.store.members.search(name: "张", orgCode: nil, status: nil, actor: yichang).total == 1)
        let ja01 = try await t.store.orgs.org(code: "JA01", actor: yichang)
        #expect(ja01.depth == 3)

        // Not below itself.
        await #expect(throws: StoreError.self) { _ = try await t.store.orgs.move(code: "YC", toParent: "JA", on: today, actor: system) }
        let history = try await t.store.orgs.history(code: "JA", actor: system)
        #expect(history.contains { $0.kind == "moved" })
        }
    }

    @Test(arguments: Engines.all)
    func dissolveRefusedWhileMembersRemainAndMergeMovesThem(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let m = try await SmallTree.member(t.store, id: idNumber("42010219900307123"), name: "张三", org: "JA02")
        do {
            _ = try await t.store.orgs.dissolve(code: "JA02", on: today, reason: "企业关闭", actor: system)
            Issue.record("dissolved a union with members")
        } catch let e as StoreError {
            #expect(e.code == "has_members")
            #expect(e.message.contains("1 名会员"))
        }
        let merged = try await t.store.orgs.merge(code: "JA02", into: "JA01", on: today, actor: system)
        #expect(merged.status == .merged)
        #expect(merged.mergedIntoCode == "JA01")
        let after = try await t.store.members.member(id: m.id, actor: system)
        #expect(after.orgCode == "JA01")
        // Now empty, JA02 is merged: dissolving a merged org is refused as not active.
        await #expect(throws: StoreError.self) { _ = try await t.store.orgs.dissolve(code: "JA02", on: today, reason: "", actor: system) }
        // An empty union can be dissolved.
        let d = try await t.store.orgs.dissolve(code: "XL02", on: today, reason: "企业注销", actor: system)
        #expect(d.status == .dissolved)
        }
    }
}

@Suite("Members, scoping and transfers")
struct MemberTests {
    @Test(arguments: Engines.all)
    func oneMembershipPerPerson(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let id = idNumber("42010219900307123")
        _ = try await SmallTree.member(t.store, id: id, name: "张三", org: "JA01")
        do {
            _ = try await SmallTree.member(t.store, id: id, name: "张三", org: "XL01")
            Issue.record("second membership accepted")
        } catch let e as StoreError {
            #expect(e.code == "already_member")
        }
        }
    }

    @Test(arguments: Engines.all)
    func countyOfficerSeesOnlyTheirCounty(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let mine = try await SmallTree.member(t.store, id: idNumber("42010219900307123"), name: "张三", org: "JA01")
        let theirs = try await SmallTree.member(t.store, id: idNumber("42050219850101002"), name: "李四", org: "XL01")
        let jiangan = try await SmallTree.actor(t.store, org: "JA")

        #expect(try await t.store.members.member(id: mine.id, actor: jiangan).name == "张三")
        await #expect(throws: StoreError.notFound(entity: "会员", key: String(theirs.id))) {
            _ = try await t.store.members.member(id: theirs.id, actor: jiangan)
        }
        await #expect(throws: StoreError.self) {
            _ = try await t.store.members.lookup(idNumber: try IDNumber(idNumber("42050219850101002")), actor: jiangan)
        }
        #expect(try await t.store.members.lookup(idNumber: try IDNumber(idNumber("42010219900307123")), actor: jiangan).id == mine.id)
        #expect(try await t.store.members.search(name: "李", orgCode: nil, status: nil, actor: jiangan).total == 0)
        await #expect(throws: StoreError.self) { _ = try await t.store.orgs.org(code: "XL01", actor: jiangan) }
        await #expect(throws: StoreError.self) {
            _ = try await t.store.members.changeStatus(id: theirs.id, to: .withdrawn, on: today, reason: "", actor: jiangan)
        }
        await #expect(throws: StoreError.self) { _ = try await t.store.exportMembers(orgCode: "XL", actor: jiangan) { _ in } }
        let unchanged = try await t.store.members.member(id: theirs.id, actor: system)
        #expect(unchanged.status == .active)
        }
    }

    @Test(arguments: Engines.all)
    func transferThroughBothApprovalsAndAsOfLists(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let m = try await SmallTree.member(t.store, id: idNumber("42010219900307123"), name: "张三", org: "JA01")
        let jiangan = try await SmallTree.actor(t.store, org: "JA")
        let xiling = try await SmallTree.actor(t.store, org: "XL")
        let d1 = today.adding(days: -10), d2 = today.adding(days: -8), d3 = today.adding(days: -5)
        // The annual statistics and the held history (members as of a date) say the same thing.
        func counted(_ code: String, _ date: CivilDate) async throws -> Int {
            let figure = try await t.store.statistics.annualReport(code: code, asOf: date, depth: 0, actor: system).root.figures.members
            if code.count > 2 {
                // A grassroots union's own members as of the date: the held history.
                let held = try await t.store.members.members(of: code, asOf: date, actor: system).filter { $0.statusOnDate == .active }.count
                #expect(figure == held, "\(code) on \(date.iso)")
            }
            return figure
        }

        let tr = try await t.store.members.requestTransfer(memberID: m.id, toOrgCode: "XL01", on: d1, reason: "调动", actor: jiangan)
        #expect(tr.state == .processing)
        #expect(try await t.store.members.openTransfer(memberID: m.id, actor: jiangan)?.id == tr.id)
        #expect(try await (counted("JA01", today), counted("XL01", today)) == (1, 0))
        // The receiving side cannot decide before the releasing side.
        await #expect(throws: StoreError.self) { _ = try await t.store.members.decideTransfer(id: tr.id, approve: true, on: d2, reason: "", actor: xiling) }
        #expect(try await t.store.members.transfers(box: .incoming, state: .processing, actor: xiling).map(\.id) == [tr.id])
        #expect(try await t.store.members.transfers(box: .outgoing, state: .processing, actor: jiangan).map(\.id) == [tr.id])

        // Released, not yet received: still in good standing at the releasing union, counted there.
        let released = try await t.store.members.decideTransfer(id: tr.id, approve: true, on: d2, reason: "", actor: jiangan)
        #expect(released.outgoing == .approved && released.state == .processing)
        let inTransit = try await t.store.members.member(id: m.id, actor: jiangan)
        #expect(inTransit.status == .active && inTransit.orgCode == "JA01")
        #expect(try await (counted("JA01", today), counted("XL01", today)) == (1, 0))
        #expect(try await counted("JA01", d2) == 1)
        // The receiving union cannot see the member yet, only the transfer.
        await #expect(throws: StoreError.self) { _ = try await t.store.members.openTransfer(memberID: m.id, actor: xiling) }

        let done = try await t.store.members.decideTransfer(id: tr.id, approve: true, on: d3, reason: "", actor: xiling)
        #expect(done.state == .approved)
        #expect(done.effectiveOn == d3)
        #expect(try await t.store.members.openTransfer(memberID: m.id, actor: xiling) == nil)

        // Now in Xiling; Jiang'an no longer sees the member.
        #expect(try await t.store.members.member(id: m.id, actor: xiling).orgCode == "XL01")
        await #expect(throws: StoreError.self) { _ = try await t.store.members.member(id: m.id, actor: jiangan) }

        // Before acceptance the member was in JA01 (also while released); from it, in XL01.
        for (date, ja, xl) in [(d1, 1, 0), (d2, 1, 0), (d3, 0, 1), (today, 0, 1)] {
            #expect(try await (counted("JA01", date), counted("XL01", date)) == (ja, xl), "\(date.iso)")
        }
        #expect(try await counted("JA", d2) + counted("XL", d2) == 1)
        #expect(try await counted("JA", today) + counted("XL", today) == 1)

        let history = try await t.store.members.history(id: m.id, actor: system).map(\.kind)
        #expect(history == [.joined, .transferRequested, .transferredOut, .transferredIn])
        }
    }

    @Test(arguments: Engines.all)
    func retainedMemberTransfersRetained(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let m = try await SmallTree.member(t.store, id: idNumber("42010219600307123"), name: "王五", org: "JA01")
        _ = try await t.store.members.changeStatus(id: m.id, to: .retained, on: today.adding(days: -20), reason: "退休", actor: system)
        let tr = try await t.store.members.requestTransfer(memberID: m.id, toOrgCode: "XL01", on: today.adding(days: -10), reason: "", actor: system)
        _ = try await t.store.members.decideTransfer(id: tr.id, approve: true, on: today.adding(days: -9), reason: "", actor: system)
        #expect(try await t.store.members.member(id: m.id, actor: system).status == .retained)
        _ = try await t.store.members.decideTransfer(id: tr.id, approve: true, on: today.adding(days: -8), reason: "", actor: system)
        let moved = try await t.store.members.member(id: m.id, actor: system)
        #expect(moved.status == .retained && moved.orgCode == "XL01")
        #expect(try await t.store.members.members(of: "XL01", asOf: today, actor: system).first?.statusOnDate == .retained)
        }
    }

    @Test(arguments: Engines.all)
    func rejectedAfterReleaseReturnsMember(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let m = try await SmallTree.member(t.store, id: idNumber("42010219900307123"), name: "张三", org: "JA01")
        let tr = try await t.store.members.requestTransfer(memberID: m.id, toOrgCode: "XL01", on: today, reason: "", actor: system)
        _ = try await t.store.members.decideTransfer(id: tr.id, approve: true, on: today, reason: "", actor: system)
        await #expect(throws: StoreError.self) { _ = try await t.store.members.decideTransfer(id: tr.id, approve: false, on: today, reason: " ", actor: system) }
        let r = try await t.store.members.decideTransfer(id: tr.id, approve: false, on: today, reason: "劳动关系未建立", actor: system)
        #expect(r.state == .rejected)
        let back = try await t.store.members.member(id: m.id, actor: system)
        #expect(back.status == .active)
        #expect(back.orgCode == "JA01")
        }
    }

    @Test(arguments: Engines.all)
    func statusChangesAreDatedAndRuled(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let m = try await SmallTree.member(t.store, id: idNumber("42010219600307123"), name: "王五", org: "JA01")
        let day = today.adding(days: -30)
        let retained = try await t.store.members.changeStatus(id: m.id, to: .retained, on: day, reason: "退休", actor: system)
        #expect(retained.status == .retained)
        #expect(retained.statusSince == day)
        // Retained members are still members on later dates.
        let list = try await t.store.members.members(of: "JA01", asOf: today, actor: system)
        #expect(list.first?.statusOnDate == .retained)
        _ = try await t.store.members.changeStatus(id: m.id, to: .deceased, on: today, reason: "", actor: system)
        // Nothing follows death.
        await #expect(throws: StoreError.self) { _ = try await t.store.members.changeStatus(id: m.id, to: .active, on: today, reason: "", actor: system) }
        #expect(try await t.store.members.members(of: "JA01", asOf: today, actor: system).isEmpty)
        }
    }
}

@Suite("Security at rest and audit")
struct SecurityTests {
    @Test(arguments: Engines.all)
    func identifiersAreEncryptedAndRevealIsAudited(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let id = idNumber("42010219900307123")
        let m = try await SmallTree.member(t.store, id: id, name: "张三", org: "JA01", phone: "13912345678")
        #expect(m.idNumberMasked == "420102********" + String(id.suffix(4)))
        #expect(m.phoneMasked == "139****5678")

        let raw = try await t.store.database.read { db in try await db.raw("SELECT * FROM members").all() }
        for row in raw {
            for column in row.allColumns {
                let text = (try? row.decode(column: column, as: String?.self)) ?? nil
                #expect(text?.contains(id) != true, "column \(column) holds the ID number in clear")
                #expect(text?.contains("13912345678") != true, "column \(column) holds the phone in clear")
            }
        }
        if case .sqlite(let path) = t.store.database.location {
            // Checkpoint the WAL so the main file holds everything, then look at the bytes.
            _ = try await t.store.database.write { db in try await db.raw("SELECT 1").run() }
            let files = [path, path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }
            for data in files {
                #expect(data.range(of: Data(id.utf8)) == nil)
                #expect(data.range(of: Data("13912345678".utf8)) == nil)
            }
        }

        let auditor = try await SmallTree.actor(t.store, org: "HB", role: .auditor)
        await #expect(throws: StoreError.self) { _ = try await t.store.members.identifiers(id: m.id, actor: auditor) }
        let admin = try await SmallTree.actor(t.store, org: "JA", role: .orgAdmin)
        let full = try await t.store.members.identifiers(id: m.id, actor: admin)
        #expect(full.idNumber == id)
        #expect(full.phone == "13912345678")
        let entries = try await t.store.auditLog.list(actor: .system("test"), filter: .init(action: "member.reveal"))
        #expect(entries.count == 1)
        #expect(entries.first?.actor == "officer-JA")
        }
    }

    @Test(arguments: Engines.all)
    func auditChainDetectsChangedAndDeletedEntries(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        _ = try await SmallTree.member(t.store, id: idNumber("42010219900307123"), name: "张三", org: "JA01")
        let ok = try await t.store.auditLog.verify()
        #expect(ok.ok)
        #expect(ok.entries == 10) // nine orgs and one member

        _ = try await t.store.database.write { db in try await db.raw("UPDATE audit_log SET summary = '篡改' WHERE seq = 3").run() }
        let changed = try await t.store.auditLog.verify()
        #expect(!changed.ok)
        #expect(changed.firstBadSeq == 3)
        }
    }

    @Test(arguments: Engines.all)
    func auditChainDetectsDeletionAtTheEnd(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        _ = try await t.store.database.write { db in try await db.raw("DELETE FROM audit_log WHERE seq = 9").run() }
        let v = try await t.store.auditLog.verify()
        #expect(!v.ok)
        #expect(v.problem?.contains("缺失") == true)
        }
    }

    /// Resolved credentials are kept a few seconds, but never across a write this process
    /// committed: a revocation, a password change or any write made behind the service's back.
    @Test(arguments: Engines.all)
    func resolvedCredentialsNeverOutliveAWrite(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        _ = try await t.store.users.add(username: "officer.k", displayName: "区县干部", password: "Token-2026!k", role: .orgAdmin, orgCode: "JA", actor: system)
        let token = try await t.store.users.issueToken(username: "officer.k", name: "bench", actor: system).token
        let first = try await t.store.users.authenticate(token: token)
        #expect(first?.0.username == "officer.k")
        // Answered again, the same, from the cache.
        #expect(try await t.store.users.authenticate(token: token)?.0.scope.path == first?.0.scope.path)
        // Revoked by a raw write, not through the service: refused at once all the same.
        try await t.store.database.write { db in try await db.raw("UPDATE credentials SET revoked = TRUE").run() }
        #expect(try await t.store.users.authenticate(token: token) == nil)
        let second = try await t.store.users.issueToken(username: "officer.k", name: "bench 2", actor: system).token
        #expect(try await t.store.users.authenticate(token: second) != nil)
        try await t.store.users.revoke(token: second)
        #expect(try await t.store.users.authenticate(token: second) == nil)
        }
    }

    @Test(arguments: Engines.all)
    func wrongKeyIsRefused(engine: SQLEngine) async throws {
        guard engine == .sqlite else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("k.sqlite").path
        // No key configured for a new SQLite database: a key file is made beside it, mode 0600.
        let (s1, warnings) = try await Store.open(configuration: StoreConfiguration(location: .sqlite(path: path), key: KeySettings()))
        #expect(warnings.count == 1)
        let mode = try FileManager.default.attributesOfItem(atPath: path + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        await s1.close()
        let (s2, w2) = try await Store.open(configuration: StoreConfiguration(location: .sqlite(path: path), key: KeySettings()))
        #expect(w2.isEmpty)
        await s2.close()
        await #expect(throws: FieldCipher.KeyError.mismatch) {
            _ = try await Store.open(configuration: StoreConfiguration(location: .sqlite(path: path), key: KeySettings(key: FieldCipher.generateEncodedKey())))
        }
        try? FileManager.default.removeItem(at: dir)
    }
}

@Suite("Field cipher")
struct FieldCipherTests {
    @Test func blindIndexIsHMACSHA256() throws {
        let cipher = try FieldCipher(encodedKey: FieldCipher.generateEncodedKey())
        for value in ["420102199003071232", "13912345678", "", String(repeating: "长", count: 100)] {
            #expect(cipher.blindIndex(value, domain: "id") == cipher.blindIndexReference(value, domain: "id"))
        }
        #expect(cipher.blindIndex("a", domain: "id") != cipher.blindIndex("a", domain: "phone"))
        let other = try FieldCipher(encodedKey: FieldCipher.generateEncodedKey())
        #expect(cipher.blindIndex("a", domain: "id") != other.blindIndex("a", domain: "id"))
    }

    @Test func sealedValuesOpenAndDiffer() throws {
        let cipher = try FieldCipher(encodedKey: FieldCipher.generateEncodedKey())
        let a = cipher.seal("420102199003071232"), b = cipher.seal("420102199003071232")
        #expect(a != b)
        #expect(try cipher.open(a) == "420102199003071232")
        let other = try FieldCipher(encodedKey: FieldCipher.generateEncodedKey())
        #expect(throws: FieldCipher.KeyError.undecryptable) { _ = try other.open(a) }
    }

    @Test func sealingMatchesSwiftCryptoByteForByte() throws {
        let cipher = try FieldCipher(encodedKey: FieldCipher.generateEncodedKey())
        for (i, value) in ["420102199003071232", "13912345678", "", "a", "ab", String(repeating: "长", count: 100)].enumerated() {
            let nonce = (0..<12).map { UInt8(truncatingIfNeeded: $0 * 31 + i) }
            #expect(cipher.sealForTest(value, nonce: nonce) == cipher.sealReference(value, nonce: nonce))
            #expect(try cipher.open(cipher.sealForTest(value, nonce: nonce)) == value)
        }
    }

    @Test func batchSealingOpensBackWithDistinctNonces() throws {
        let cipher = try FieldCipher(encodedKey: FieldCipher.generateEncodedKey())
        let values: [String?] = (0..<500).map { $0 % 7 == 0 ? nil : "1380000\(String(format: "%04d", $0 % 3))" }
        let sealed = cipher.seal(batch: values)
        #expect(sealed.count == values.count)
        for (v, s) in zip(values, sealed) {
            #expect((v == nil) == (s == nil))
            if let v, let s { #expect(try cipher.open(s) == v) }
        }
        // The nonce is the first 12 bytes of each sealed value: none repeats.
        let nonces = sealed.compactMap { $0 }.map { Data(base64Encoded: $0)!.prefix(12) }
        #expect(Set(nonces).count == nonces.count)
    }
}
