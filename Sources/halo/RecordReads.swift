import HaloClient
import HaloCore

extension HaloClient {
    /// Records by path (`/api/tickets/12`), several at a time (`getEach`, up to the client's
    /// concurrency); nil for those Halo does not have (404). What plans, the journal and undo read.
    func records(at paths: [String]) throws -> [String: HaloObject?] {
        var records: [String: HaloObject?] = [:]
        for (path, result) in zip(paths, try getEach(paths)) {
            switch result {
            case .success(let body):
                records[path] = if case .object(let record) = try JSON.responseBody(body) { .some(record) } else { .some(nil) }
            case .failure(let error) where error.status == 404:
                records[path] = .some(nil)
            case .failure(let error):
                throw error
            }
        }
        return records
    }
}
