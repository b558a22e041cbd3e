import Foundation
import HaloClient
import HaloConfig
import HaloCore

/// Every POST and DELETE a run makes passes here: held back and shown field by field in a plan
/// (`--plan`, `--dry-run`), shown and confirmed for a production profile, and journaled before and
/// after it is sent, with the records as they were, so that `halo undo` can take it back.
final class WriteGate {
    /// Set in plan mode: writes are recorded here and never sent.
    let plan: WritePlan?
    /// Where journals go; nil: none (`--no-journal`, the embedded sandbox, or no home directory).
    let journalDirectory: String?
    let runbook: String
    /// The run an undo reverses, recorded in its journal's header.
    var undoOf: String?
    /// Plan lines and the summary: stdout, or stderr when stdout carries a `--json` document.
    var output: (String) -> Void
    let productionGuard: ProductionGuard
    /// Records the caller has just read (undo does, to check them): the journal takes these instead
    /// of reading again. Each is used once.
    var recentlyRead: [String: HaloObject] = [:]
    private var journal: WriteJournal?
    /// Plans, confirmations and the journal are touched by one write at a time.
    private let lock = NSLock()

    init(plan: WritePlan?, journalDirectory: String?, runbook: String, output: @escaping (String) -> Void,
         productionGuard: ProductionGuard) {
        self.plan = plan
        self.journalDirectory = journalDirectory
        self.runbook = runbook
        self.output = output
        self.productionGuard = productionGuard
    }

    /// Where a write goes: the client and what names it.
    struct Target {
        let client: HaloClient
        /// A profile, or nil for a connection made from variables or `auth {...}`.
        let profile: Profile?
        let secrets: SecretGuard

        /// What plans and journals name: the profile, else the URL.
        var label: String { profile?.name ?? client.displayURL }
    }

    /// The journal's run id, once this run has written; nil before.
    var runID: String? { journal?.path == nil ? nil : journal?.runID }

    /// Plans, confirms, journals and sends one write; `send` does the HTTP. `pmap` items call it
    /// from several threads: planning, confirming and journaling take turns under `lock` (so
    /// prompts and journal lines never interleave); the sends themselves overlap.
    /// - Parameter body: the POST body (a list of records); nil for DELETE.
    func write(_ method: HTTPMethod, path: String, body: [Value]?, to target: Target,
               send: () throws -> HaloResponse) throws -> (response: HaloResponse?, saved: Value?) {
        let journaled = try lock.withLock { try prepare(method, path: path, body: body, to: target, send: send) }
        guard let journaled else { return (nil, nil) }
        let (journal, sequence) = journaled
        func finish(_ outcome: JournalOutcome) {
            guard let journal, let sequence else { return }
            lock.withLock { journal.finish(sequence, outcome) }
        }
        do {
            let response = try InFlightWrite.during(method.rawValue, path, send)
            let saved = try JSON.responseBody(response.body)
            finish(.applied(status: response.status, saved: saved))
            return (response, saved)
        } catch let error as HaloHTTPError {
            let said = error.haloMessage ?? error.transportFailure.map { "\($0)" } ?? ""
            finish(error.writeMayHaveApplied ? .unknown(error.status == 0 ? said : "\(error.status): \(said)")
                                             : .rejected(status: error.status, message: said))
            throw error
        } catch {
            finish(.unknown("\(error)"))
            throw error
        }
    }

    /// Everything before the send: nil when the write is planned rather than sent; otherwise the
    /// journal (if any) and the write's number in it.
    private func prepare(_ method: HTTPMethod, path: String, body: [Value]?, to target: Target,
                         send: () throws -> HaloResponse) throws -> (WriteJournal?, Int?)? {
        let journal = plan == nil ? try journal(for: target) : nil
        // Read once, when a plan, a confirmation or the journal needs the records.
        var classified: [RecordChange]?
        func changes() throws -> [RecordChange] {
            if let classified { return classified }
            let fetched = try prefetch(body.map { WriteClassifier.recordPaths(post: path, records: $0) }
                                       ?? WriteClassifier.recordPaths(delete: path), target)
            let classifier = WriteClassifier { resource, id in try self.read(resource, id, target, fetched: fetched) }
            let found = try body.map { try classifier.post(path: path, records: $0) } ?? classifier.delete(path: path)
            classified = found
            return found
        }
        func lines() throws -> [String] {
            try changes().map { WritePlan.line(for: $0, method: method.rawValue, path: path) }
        }
        if let plan {
            plan.add(method: method.rawValue, path: path, changes: try changes())
            try lines().forEach(output)
            // A client in dry-run mode sends nothing and only traces the write as not sent.
            if target.client.options.dryRun { _ = try send() }
            return nil
        }
        if let profile = target.profile {
            try productionGuard.confirm(method: method.rawValue, path: path, records: body?.count, profile: profile,
                                        preview: lines)
        }
        let sequence = try journal?.begin(method: method.rawValue, path: path, body: body.map(Value.list),
                                          changes: try changes())
        return (journal, sequence)
    }

    /// The record now, or nil when Halo has none. In a plan, a record an earlier planned write
    /// touched is taken from the plan, not read.
    private func read(_ resource: String, _ id: Int, _ target: Target,
                      fetched: [String: HaloObject?]) throws -> HaloObject? {
        let path = RecordChange.recordPath(resource: resource, id: id)
        if let known = recentlyRead.removeValue(forKey: path) { return known }
        if let plan, let planned = plan.plannedState(resource: resource, id: id) { return planned }
        if let record = fetched[path] { return record }
        return try prefetch([(path, resource, id)], target)[path] ?? nil
    }

    /// Reads the records a write names that are not known yet, as many at a time as the client's
    /// concurrency allows (one GET each); nil for those Halo does not have.
    private func prefetch(_ records: [(path: String, resource: String, id: Int)], _ target: Target) throws -> [String: HaloObject?] {
        var seen = Set<String>()
        let wanted = records.filter { record in
            recentlyRead[record.path] == nil && plan?.plannedState(resource: record.resource, id: record.id) == nil
                && seen.insert(record.path).inserted
        }.map(\.path)
        plan?.reads += wanted.count
        return try target.client.records(at: wanted)
    }

    /// One journal per run and target; a run that signs in elsewhere starts another.
    private func journal(for target: Target) throws -> WriteJournal? {
        guard let journalDirectory else { return nil }
        if let journal, journal.target == target.client.displayURL { return journal }
        let journal = WriteJournal(directory: journalDirectory, runbook: runbook, target: target.client.displayURL,
                                   profile: target.profile?.name, undoOf: undoOf, mask: target.secrets.masked)
        self.journal = journal
        return journal
    }

    /// The plan's closing line, and `--plan-json` written whole.
    /// - Parameter target: nil when the run never connected (nothing to summarise unless it planned).
    func finishPlan(target: String?, jsonPath: String?) throws {
        guard let plan, !(plan.writes.isEmpty && target == nil) else { return }
        output(plan.summary(target: target ?? "(no connection)"))
        if let jsonPath {
            try AtomicFile.write(JSON.write(plan.json(target: target ?? ""), pretty: true) + "\n", to: jsonPath)
        }
    }
}
