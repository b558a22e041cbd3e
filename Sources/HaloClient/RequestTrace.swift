/// Formats the one trace line written per HTTP exchange, e.g.
/// `GET http://127.0.0.1:4711/api/client?search=Acme 200 1834B 3ms retry 1/4 in 0.8s`.
/// Bodies are never traced; the line goes through the redactor before it leaves the client.
enum RequestTrace {
    enum Result {
        case reply(status: Int, bytes: Int)
        case failure(TransportFailure)
        case dryRun(bytes: Int)
    }

    static func line(method: String, url: String, result: Result, milliseconds: Int, note: String? = nil) -> String {
        var text = "\(method) \(url) "
        switch result {
        case .reply(let status, let bytes): text += "\(status) \(bytes)B \(milliseconds)ms"
        case .failure(let failure): text += "\(failure) \(milliseconds)ms"
        case .dryRun(let bytes): text += "dry run, not sent \(bytes)B"
        }
        if let note { text += " " + note }
        return text
    }

    /// `0.8s`, `12s`: one decimal below ten seconds.
    static func seconds(_ value: Double) -> String {
        value < 10 ? "\((value * 10).rounded() / 10)s" : "\(Int(value.rounded()))s"
    }
}
