import Foundation
import Testing

/// `scripts/install` into a temporary prefix, then the installed binary used from elsewhere, as a
/// user with it on PATH would; and `--uninstall` takes back exactly what was put there.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct InstallTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("halo-install-\(UUID().uuidString)")
    var prefix: String { root.appendingPathComponent("prefix").path }
    var elsewhere: URL { root.appendingPathComponent("elsewhere") }
    /// Where an installed or copied binary unpacks its payload, and nothing else of the user's.
    var environment: [String: String] {
        ["HOME": root.appendingPathComponent("home").path, "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
         "XDG_STATE_HOME": root.appendingPathComponent("state").path]
    }

    private func script(_ arguments: [String]) throws -> HaloProcess.Result {
        try HaloProcess.run(arguments, timeout: 120,
                            executable: HaloProcess.packageRoot.appendingPathComponent("scripts/install").path)
    }

    private func install() throws {
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let result = try script(["--prefix", prefix, "--binary", HaloProcess.binary])
        #expect(result.status == 0, "\(result.stderr)")
        try """
            import "halo/tickets"
            auth
            get /api/client {count: 3}
            print len(response^clients), type(open_tickets)
            """.write(to: elsewhere.appendingPathComponent("job.halo"), atomically: true, encoding: .utf8)
    }

    private func files() -> [String] {
        (FileManager.default.enumerator(atPath: prefix)?.allObjects as? [String] ?? [])
            .filter { !((try? FileManager.default.attributesOfItem(atPath: prefix + "/" + $0)[.type] as? FileAttributeType) == .typeDirectory) }
            .sorted()
    }

    @Test func theInstalledBinaryRunsTheSandboxAndStdlibFromAnotherDirectory() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try install()
        let result = try HaloProcess.run(["--sandbox", "job.halo"], environment: environment, directory: elsewhere,
                                         executable: prefix + "/bin/halo")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "3 function\n")
        #expect(files().contains("share/halo/stdlib/halo/tickets.halo"))
        #expect(files().contains("share/bash-completion/completions/halo"))
        #expect(files().contains("share/zsh/site-functions/_halo"))
        #expect(files().contains("share/fish/vendor_completions.d/halo.fish"))
    }

    @Test func aCopyOfTheBinaryAloneUnpacksWhatItCarries() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try install()
        let copy = elsewhere.appendingPathComponent("halo").path
        try copyExecutable(prefix + "/bin/halo", to: copy)
        for _ in 0..<2 {   // the second run finds what the first unpacked
            let result = try runWhileTextFileBusy {
                try HaloProcess.run(["--sandbox", "job.halo"], environment: environment, directory: elsewhere,
                                    executable: copy)
            }
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "3 function\n")
        }
        let unpacked = try FileManager.default.contentsOfDirectory(atPath: environment["XDG_CACHE_HOME"]! + "/halo")
        #expect(unpacked.filter { $0.hasPrefix("share-") }.count == 1, "\(unpacked)")
    }

    /// Copies a binary with descriptors closed on exec. Foundation's `copyItem` leaves its write
    /// descriptor inheritable, so a process another test starts meanwhile keeps the copy open for
    /// writing, and running it fails with "Text file busy" (ETXTBSY; seen once in CI).
    private func copyExecutable(_ source: String, to destination: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        defer {
            if input >= 0 { close(input) }
            if output >= 0 { close(output) }
        }
        guard input >= 0, output >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            guard count > 0 else {
                if count < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                return
            }
            let written = buffer.withUnsafeBytes { write(output, $0.baseAddress, count) }
            guard written == count else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
    }

    /// Retries a start that fails with ETXTBSY, briefly: between another thread's fork and its exec,
    /// the child still holds every descriptor that was open, even one closed on exec.
    private func runWhileTextFileBusy(_ start: () throws -> HaloProcess.Result) throws -> HaloProcess.Result {
        for _ in 0..<50 {
            do {
                return try start()
            } catch let error as NSError where (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY) {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        return try start()
    }

    @Test func theManualPageRendersWithManL() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try install()
        let man = Process()
        man.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        man.arguments = ["man", "-l", prefix + "/share/man/man1/halo.1"]
        man.environment = ["MANPAGER": "cat", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "COLUMNS": "100"]
        let out = Pipe()
        man.standardOutput = out
        man.standardError = FileHandle.nullDevice
        try man.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        man.waitUntilExit()
        #expect(man.terminationStatus == 0)
        #expect(text.contains("halo - a runbook language for the Halo API"))
        #expect(text.contains("EXIT STATUS"))
    }

    @Test func theReplStartsFromTheInstalledBinaryInATerminal() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try install()
        let tmux = Tmux(scratch: root)
        let env = environment.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        tmux.run(["new-session", "-d", "-x", "120", "-y", "30", "-c", elsewhere.path,
                  "env \(env) NO_COLOR=1 TERM=xterm \(prefix)/bin/halo --sandbox; sleep 30"])
        defer { tmux.run(["kill-server"]) }
        var screen = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !screen.contains("\nhalo>") {
            Thread.sleep(forTimeInterval: 0.2)
            screen = tmux.run(["capture-pane", "-p"])
        }
        #expect(screen.contains("halo · sandbox at http://127.0.0.1:"), "\(screen)")
        #expect(screen.contains("\nhalo>"), "\(screen)")
    }

    @Test func uninstallRemovesExactlyWhatWasInstalled() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try "mine".write(toFile: prefix + "/bin/other-tool", atomically: true, encoding: .utf8)
        try install()
        #expect(files().count > 20)
        let result = try script(["--prefix", prefix, "--uninstall"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(files() == ["bin/other-tool"])
    }
}
