import Foundation

/// A collective contract (集体合同) of a grassroots union.
public struct CollectiveContract: Sendable, Equatable, Codable {
    public var id: Int64
    public var orgCode: String
    /// 综合性集体合同, 工资专项集体合同, 女职工权益保护专项集体合同…
    public var kind: String
    public var signedOn: CivilDate?
    public var validFrom: CivilDate
    public var validTo: CivilDate?
    public var workersCovered: Int

    public init(id: Int64, orgCode: String, kind: String, signedOn: CivilDate? = nil, validFrom: CivilDate, validTo: CivilDate? = nil, workersCovered: Int) {
        self.id = id; self.orgCode = orgCode; self.kind = kind; self.signedOn = signedOn; self.validFrom = validFrom; self.validTo = validTo; self.workersCovered = workersCovered
    }
}

/// A collective contract to record.
public struct ContractDraft: Sendable, Equatable {
    public var orgCode: String
    public var kind: String
    public var signedOn: CivilDate?
    public var validFrom: CivilDate
    public var validTo: CivilDate?
    public var workersCovered: Int

    public init(orgCode: String, kind: String, signedOn: CivilDate?, validFrom: CivilDate, validTo: CivilDate?, workersCovered: Int) {
        self.orgCode = orgCode; self.kind = kind; self.signedOn = signedOn; self.validFrom = validFrom; self.validTo = validTo
        self.workersCovered = workersCovered
    }
}
