import Foundation
import GonghuiDomain
import SQLKit

/// Mapping between rows and domain values. Views and API types are built from these domain
/// values, never from rows.
enum Rows {
    static let orgSelect: SQLQueryString = """
        SELECT o.*, p.code AS parent_code, mg.code AS merged_code FROM orgs o
        LEFT JOIN orgs p ON p.id = o.parent_id LEFT JOIN orgs mg ON mg.id = o.merged_into_id
        """

    static func org(_ row: any SQLRow) throws -> Organization {
        Organization(
            id: try row.decode(column: "id", as: Int64.self),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            parentID: try row.decode(column: "parent_id", as: Int64?.self),
            parentCode: try row.decode(column: "parent_code", as: String?.self),
            kind: OrgKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .grassroots,
            provinceID: try row.decode(column: "province_id", as: Int64?.self) ?? 0,
            depth: try row.decode(column: "depth", as: Int.self),
            creditCode: try row.decode(column: "credit_code", as: String?.self),
            regionCode: try row.decode(column: "region_code", as: String?.self),
            unitNature: try row.decode(column: "unit_nature", as: String?.self).flatMap(UnitNature.init(rawValue:)),
            economicType: try row.decode(column: "economic_type", as: String?.self),
            industry: try row.decode(column: "industry", as: String?.self),
            employees: try row.decode(column: "employees", as: Int.self),
            womenEmployees: try row.decode(column: "women_employees", as: Int.self),
            migrantEmployees: try row.decode(column: "migrant_employees", as: Int.self),
            foundedOn: try date(row, "founded_on"),
            chairName: try row.decode(column: "chair_name", as: String?.self),
            chairPhoneMasked: try row.decode(column: "chair_phone_masked", as: String?.self),
            fullTimeStaff: try row.decode(column: "full_time_staff", as: Int.self),
            status: OrgStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active,
            approval: FoundingApproval(rawValue: try row.decode(column: "approval", as: String.self)) ?? .approved,
            flags: OrgFlags(
                womenCommittee: try row.decode(column: "women_committee", as: Bool.self),
                fundsAuditCommittee: try row.decode(column: "funds_audit_committee", as: Bool.self),
                workersCongress: try row.decode(column: "workers_congress", as: Bool.self),
                factoryAffairsOpenness: try row.decode(column: "factory_affairs_openness", as: Bool.self),
                laborProtectionCommittee: try row.decode(column: "labor_protection_committee", as: Bool.self),
                mediationCommittee: try row.decode(column: "mediation_committee", as: Bool.self)),
            mergedIntoCode: try row.decode(column: "merged_code", as: String?.self),
            endedOn: try date(row, "ended_on"),
            version: try row.decode(column: "version", as: Int.self))
    }

    static let memberSelect: SQLQueryString = """
        SELECT m.id, m.province_id, m.org_id, o.code AS org_code, o.name AS org_name, o.path AS org_path, m.name, m.id_masked,
               m.gender, m.birth_date, m.phone_masked, m.ethnicity, m.education, m.skill_level, m.household_type,
               m.is_migrant, m.employment_type, m.political_status, m.workplace, m.card_number, m.joined_on,
               m.status, m.status_since, m.version
        FROM members m JOIN orgs o ON o.id = m.org_id
        """

    static func member(_ row: any SQLRow) throws -> Member {
        Member(
            id: try row.decode(column: "id", as: Int64.self),
            provinceID: try row.decode(column: "province_id", as: Int64.self),
            orgID: try row.decode(column: "org_id", as: Int64.self),
            orgCode: try row.decode(column: "org_code", as: String.self),
            orgName: try row.decode(column: "org_name", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            idNumberMasked: try row.decode(column: "id_masked", as: String.self),
            gender: Gender(rawValue: try row.decode(column: "gender", as: String.self)) ?? .male,
            birthDate: try date(row, "birth_date") ?? CivilDate(daysSinceEpoch: 0),
            phoneMasked: try row.decode(column: "phone_masked", as: String?.self),
            ethnicity: try row.decode(column: "ethnicity", as: String?.self),
            education: try row.decode(column: "education", as: String?.self),
            skillLevel: try row.decode(column: "skill_level", as: String?.self),
            householdType: try row.decode(column: "household_type", as: String?.self),
            isMigrant: try row.decode(column: "is_migrant", as: Bool.self),
            employmentType: EmploymentType(rawValue: try row.decode(column: "employment_type", as: String.self)) ?? .fixedTerm,
            politicalStatus: try row.decode(column: "political_status", as: String?.self),
            workplace: try row.decode(column: "workplace", as: String?.self),
            cardNumber: try row.decode(column: "card_number", as: String?.self),
            joinedOn: try date(row, "joined_on") ?? CivilDate(daysSinceEpoch: 0),
            status: MemberStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active,
            statusSince: try date(row, "status_since") ?? CivilDate(daysSinceEpoch: 0),
            version: try row.decode(column: "version", as: Int.self))
    }

    static func date(_ row: any SQLRow, _ column: String) throws -> CivilDate? {
        guard let s = try row.decode(column: column, as: String?.self), !s.isEmpty else { return nil }
        return try? CivilDate(parsing: s)
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: e.encode(value), as: UTF8.self)) ?? "{}"
    }
}

extension MemberSort {
    /// The ORDER BY of the member lists (`m` the member, `o` their union), ending on the id so
    /// pages never overlap.
    var orderBy: SQLQueryString {
        switch self {
        case .name: "m.name_key, m.name, m.id"
        case .org: "o.code, m.name_key, m.name, m.id"
        case .joined: "m.joined_on DESC, m.name_key, m.id"
        case .status: "m.status, m.name_key, m.name, m.id"
        }
    }
}
