import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore
import NIOConcurrencyHelpers

/// An uploaded roster in memory, adapted to the store's row source.
final class UploadTable: TableSource {
    let reader: TableReader
    init(_ file: WebForm.File) throws {
        let isZip = file.data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
        reader = isZip || file.fileName.lowercased().hasSuffix(".xlsx") ? try TableReader(xlsxData: file.data) : try TableReader(csvData: file.data)
    }
    func readHeader() throws -> [String]? { try reader.readHeader() }
    func nextRow() throws -> (number: Int, cells: [String])? {
        guard let r = try reader.nextRow() else { return nil }
        return (r.number, r.cells)
    }
}

/// Uploads between "check" and "confirm", and the imports running in the background, for an
/// hour at most. Each belongs to the user who uploaded it.
final class ImportStash: Sendable {
    enum State: Sendable {
        case checked(ImportReport)
        case running(phase: String, rows: Int)
        case done(ImportReport)
        case failed(String)
    }
    struct Entry: Sendable {
        var owner: String
        var kind: String
        var file: WebForm.File
        var sha256: String
        var header: [String]
        var rejects: [[String]]
        var state: State
        var createdAt: Int64
    }
    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    static let capacity = 32

    func put(_ entry: Entry) -> String {
        let token = UUID().uuidString.lowercased()
        entries.withLockedValue { e in
            let cutoff = Clock.nowMillis() - 3_600_000
            e = e.filter { $0.value.createdAt > cutoff }
            // Uploads are held in memory: keep the newest few.
            while e.count >= Self.capacity, let oldest = e.min(by: { $0.value.createdAt < $1.value.createdAt }) { e[oldest.key] = nil }
            e[token] = entry
        }
        return token
    }

    func get(_ token: String, owner: String) -> Entry? {
        entries.withLockedValue { e in e[token].flatMap { $0.owner == owner ? $0 : nil } }
    }

    func update(_ token: String, _ change: (inout Entry) -> Void) {
        entries.withLockedValue { e in if var x = e[token] { change(&x); e[token] = x } }
    }
}
