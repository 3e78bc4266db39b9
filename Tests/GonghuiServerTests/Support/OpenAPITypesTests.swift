import Foundation
import GonghuiAPI
import GonghuiDomain
import GonghuiStore
import Testing
@testable import GonghuiServer

/// The API's types are generated from openapi.yaml (Sources/GonghuiAPI); these checks keep the
/// committed code, the Domain's vocabularies and the one-pass writer in step with it.
@Suite("JSON types generated from the contract")
struct OpenAPITypesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("the generated files were made from this openapi.yaml (regenerate with scripts/gen-openapi-types.sh)")
    func generatedFromThisDocument() throws {
        let document = try Data(contentsOf: Self.root.appendingPathComponent("openapi.yaml"))
        let sum = FileDigest.sha256Hex(document)
        let folder = Self.root.appendingPathComponent("Sources/GonghuiAPI")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.contains("Types+Components+Schemas.swift"))
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("From openapi.yaml sha256 \(sum) "),
                    "\(file) was generated from another openapi.yaml: run scripts/gen-openapi-types.sh")
        }
    }

    /// Every word of a Domain vocabulary is a value of the contract's enum, so building a
    /// response never meets a word the document lacks.
    private func covers<C: RawRepresentable & CaseIterable>(_ words: [String], _ type: C.Type) where C.RawValue == String {
        let contract = Set(C.allCases.map(\.rawValue))
        #expect(!words.isEmpty)
        for w in words { #expect(contract.contains(w), "openapi.yaml's \(C.self) lacks \(w)") }
    }

    @Test("every Domain vocabulary is in the contract's enums")
    func vocabulariesCovered() {
        covers(OrgKind.allCases.map(\.rawValue), API.OrgKind.self)
        covers(OrgStatus.allCases.map(\.rawValue), API.OrgStatus.self)
        covers(FoundingApproval.allCases.map(\.rawValue), API.Approval.self)
        covers(UnitNature.allCases.map(\.rawValue), API.UnitNature.self)
        covers(MemberStatus.allCases.map(\.rawValue), API.MemberStatus.self)
        covers(EmploymentType.allCases.map(\.rawValue), API.EmploymentType.self)
        covers(Gender.allCases.map(\.rawValue), API.Member.GenderPayload.self)
        covers(MemberEvent.Kind.allCases.map(\.rawValue), API.MemberEvent.KindPayload.self)
        covers(MembershipTransfer.State.allCases.map(\.rawValue), API.TransferState.self)
        covers(MembershipTransfer.Decision.allCases.map(\.rawValue), API.Decision.self)
        covers(Role.allCases.map(\.rawValue), API.Role.self)
        covers(GrantState.allCases.map(\.rawValue), API.Grant.StatePayload.self)
        covers(HardshipCategory.allCases.map(\.rawValue), API.HardshipCategory.self)
        covers(HardshipCategory.allCases.map(\.rawValue), API.HardshipArchive.CategoryPayload.self)
        covers(HardshipArchiveStage.allCases.map(\.rawValue), API.HardshipStage.self)
        covers(HardshipAttachmentKind.allCases.map(\.rawValue), API.HardshipAttachment.KindPayload.self)
        covers(HardshipService.attachmentTypes, API.HardshipAttachment.ContentTypePayload.self)
        covers(HardshipVocab.health, API.HardshipDetails.HealthPayload.self)
        covers(HardshipVocab.housing, API.HardshipDetails.HousingPayload.self)
        covers(HardshipVocab.marital, API.HardshipDetails.MaritalStatusPayload.self)
        covers(HardshipVocab.householdRegistration, API.HardshipDetails.HouseholdRegistrationPayload.self)
        covers(HardshipVocab.medicalInsurance, API.HardshipDetails.MedicalInsurancePayload.self)
    }

    @Test("a member's response is written in one pass, the same document the encoder writes")
    func memberStaysOnTheFastWriter() throws {
        let member = Member(id: 42, provinceID: 1, orgID: 7, orgCode: "G01", orgName: "江汉\"纺织\"厂工会", name: "张三", idNumberMasked: "420102********123X",
                            gender: .female, birthDate: CivilDate(year: 1990, month: 5, day: 17)!, phoneMasked: nil, ethnicity: "汉族",
                            isMigrant: true, employmentType: .dispatched, joinedOn: CivilDate(year: 2020, month: 1, day: 2)!,
                            status: .active, statusSince: CivilDate(year: 2020, month: 1, day: 2)!, version: 3)
        let value = API.MembershipOnDate(MembershipOnDate(member: member, statusOnDate: .active, since: member.joinedOn))
        let fast = try #require(StreamingJSON.encode(value), "the generated type left the one-pass writer")
        #expect(try JSONParser.parse(fast) == JSONParser.parse(Array(try JSONResponse.encoder.encode(value))))
        let read = try JSONDecoder().decode(API.MembershipOnDate.self, from: Data(fast))
        #expect(read == value)
        #expect(read.member.birthDate == "1990-05-17" && read.member.employmentType == .dispatched && read.member.phoneMasked == nil)
        #expect(!String(decoding: fast, as: UTF8.self).contains("phoneMasked"))
    }
}
