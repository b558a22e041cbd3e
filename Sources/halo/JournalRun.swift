import Foundation
import HaloCore

/// One run's journal, read back: what ran against what, and each write with its outcome.
struct JournalRun {
    let id: String
    let started: String
    let runbook: String
    let target: String
    let profile: String?
    /// The run this one undid, for an undo.
    let undoOf: String?
    let path: String
    var writes: [JournalWrite]

    static func load(path: String) throws -> JournalRun {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptError.runtime("cannot read the journal \(path)")
        }
        let lines = data.split(separator: UInt8(ascii: "\n"))
        guard let first = lines.first, case .object(let header) = try JSON.parse(Data(first)),
              header["type"] == .string("run"), case .string(let id)? = header["run"] else {
            throw ScriptError.runtime("\(path) is not a halo journal")
        }
        var writes: [JournalWrite] = []
        var bySequence: [Int: Int] = [:]
        // A line cut short by a crash is skipped: its write then has no outcome, which reads as unknown.
        for line in lines.dropFirst() {
            guard case .object(let entry)? = try? JSON.parse(Data(line)), case .int(let seq)? = entry["seq"] else { continue }
            switch entry["type"] {
            case .string("write")?:
                bySequence[seq] = writes.count
                writes.append(JournalWrite(entry))
            case .string("outcome")?:
                if let index = bySequence[seq] { writes[index].outcome = JournalWrite.Outcome(entry) }
            default:
                continue
            }
        }
        return JournalRun(id: id, started: header.text("started") ?? "", runbook: header.text("runbook") ?? "",
                          target: header.text("target") ?? "", profile: header.text("profile"),
                          undoOf: header.text("undo_of"), path: path, writes: writes)
    }

    /// Records changed by writes that were not refused, by action.
    func count(_ action: RecordChange.Action) -> Int {
        writes.filter { $0.outcome.mayHaveApplied }.flatMap(\.records).filter { $0.action == action }.count
    }

    var unknownOutcomes: Int { writes.filter { $0.outcome.isUnknown }.count }
    var rejected: Int { writes.filter { if case .rejected = $0.outcome { true } else { false } }.count }
}

/// One journaled write.
struct JournalWrite {
    enum Outcome {
        case applied(status: Int, saved: [Value])
        case rejected(status: Int, message: String)
        case unknown(String)
        /// No outcome line: the run ended while the write was on the wire.
        case missing

        init(_ entry: HaloObject) {
            let status = if case .int(let n)? = entry["status"] { n } else { 0 }
            switch entry.text("outcome") {
            case "applied":
                let saved: [Value] = switch entry["saved"] {
                case .list(let items)?: items
                case let value? where !value.isNull: [value]
                default: []
                }
                self = .applied(status: status, saved: saved)
            case "rejected": self = .rejected(status: status, message: entry.text("message") ?? "")
            default: self = .unknown(entry.text("message") ?? "")
            }
        }

        var mayHaveApplied: Bool { if case .rejected = self { false } else { true } }
        var isUnknown: Bool {
            switch self {
            case .unknown, .missing: true
            case .applied, .rejected: false
            }
        }

        var text: String {
            switch self {
            case .applied(let status, _): "applied (\(status))"
            case .rejected(let status, let message): "rejected (\(status)\(message.isEmpty ? "" : ": " + message))"
            case .unknown(let reason): "unknown\(reason.isEmpty ? "" : " (" + reason + ")")"
            case .missing: "unknown (the run ended while it was being sent)"
            }
        }
    }

    let seq: Int
    let time: String
    let method: String
    let path: String
    let body: Value
    /// The records it touched, `sent` filled from the body.
    let records: [RecordChange]
    var outcome = Outcome.missing

    init(_ entry: HaloObject) {
        seq = if case .int(let n)? = entry["seq"] { n } else { 0 }
        time = entry.text("time") ?? ""
        method = entry.text("method") ?? ""
        path = entry.text("path") ?? ""
        body = entry["body"] ?? .null
        let sentRecords: [Value] = if case .list(let items) = body { items } else { [] }
        let entries: [Value] = if case .list(let items)? = entry["records"] { items } else { [] }
        records = entries.enumerated().map { index, value in
            let o = if case .object(let o) = value { o } else { HaloObject() }
            let sent = if index < sentRecords.count, case .object(let s) = sentRecords[index] { s } else { HaloObject() }
            let id: Int? = if case .int(let n)? = o["id"] { n } else { nil }
            let before: HaloObject? = if case .object(let b)? = o["before"] { b } else { nil }
            return RecordChange(action: RecordChange.Action(rawValue: o.text("action") ?? "") ?? .other,
                                resource: o.text("resource") ?? "", id: id, sent: sent, before: before)
        }
    }
}

extension HaloObject {
    /// The field as a string, if it is one.
    func text(_ key: String) -> String? {
        if case .string(let s)? = self[key] { return s }
        return nil
    }
}
