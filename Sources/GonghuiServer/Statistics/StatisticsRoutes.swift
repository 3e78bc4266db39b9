import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// The annual statistics (工会统计年报) and the collective contracts they count.
struct StatisticsRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("orgs/:code/reports/annual") { request, context in
            let actor = context.actor
            var q = QueryReader(request)
            let asOf = q.date("asOf") ?? .today()
            let format = q.choice("format", allowed: AnnualReportFiles.Format.allCases.map(\.rawValue)) { AnnualReportFiles.Format(rawValue: $0.lowercased()) } ?? .json
            let englishKeys = q.choice("keys", allowed: ["zh", "en"]) { s -> Bool? in ["zh": false, "en": true][s.lowercased()] } ?? false
            let depth = q.choice("depth", allowed: ["0–20", "all"]) { s -> Int?? in
                if s.lowercased() == "all" { return .some(nil) }
                return Int(s).flatMap { (0...20).contains($0) ? .some($0) : nil }
            } ?? .some(1)
            try q.check()
            try checkNotFuture(asOf, field: "asOf")
            let report = try await store.statistics.annualReport(code: try context.path("code"), asOf: asOf, depth: depth, actor: actor)
            var headers = HTTPFields()
            headers[.contentType] = format.contentType
            if format != .json { headers[.contentDisposition] = "attachment; filename=\"\(AnnualReportFiles.fileName(report, format: format))\"" }
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try AnnualReportFiles.render(report, format: format, englishKeys: englishKeys))))
        }
        api.get("orgs/:code/contracts") { _, context in
            let actor = context.actor
            let items = try await store.statistics.contracts(orgCode: try context.path("code"), actor: actor)
            return try JSONResponse.make(ItemsJSON(items: items))
        }
        api.post("orgs/:code/contracts") { request, context in
            let actor = context.actor
            var body = try await BodyReader.read(request, context: context)
            let kind = body.string("kind", required: true, maxLength: 50)
            let signedOn = body.date("signedOn")
            let validFrom = body.date("validFrom", required: true)
            let validTo = body.date("validTo")
            let workers = body.int("workersCovered", required: true, min: 0, max: 10_000_000)
            try body.check()
            try checkNotFuture(signedOn, field: "signedOn")
            let contract = try await store.statistics.addContract(orgCode: try context.path("code"), kind: kind!, signedOn: signedOn, validFrom: validFrom!,
                                                                 validTo: validTo, workersCovered: workers!, actor: actor)
            return try JSONResponse.created(contract, at: "/api/v1/orgs/\(contract.orgCode)/contracts")
        }
    }
}
