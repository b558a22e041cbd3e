import Testing
@testable import HaloConfig

/// The precedence that decides where a bare `auth` goes (see `ConnectionChoice`).
@Suite struct ProfileSelectionTests {
    let full = ["HALO_PROFILE": "fromvar", "HALO_URL": "https://env.halopsa.com"]

    func choose(flag: String? = nil, sandbox: Bool = false, _ env: [String: String], defaultProfile: String? = "fromfile") throws -> ConnectionChoice {
        try ConnectionChoice.choose(profileFlag: flag, sandbox: sandbox, environment: env, defaultProfile: { defaultProfile })
    }

    @Test func sandboxBeatsEverythingButRefusesAProfileFlag() throws {
        #expect(try choose(sandbox: true, full) == .sandbox)
        #expect(throws: ConfigError.self) { try choose(flag: "acme", sandbox: true, [:]) }
    }

    @Test func thenFlagThenVariableThenEnvironmentThenDefault() throws {
        #expect(try choose(flag: "fromflag", full) == .profile("fromflag", origin: .flag))
        #expect(try choose(full) == .profile("fromvar", origin: .variable))
        #expect(try choose(["HALO_URL": "https://env.halopsa.com"]) == .environment)
        #expect(try choose([:]) == .profile("fromfile", origin: .configDefault))
        #expect(try choose([:], defaultProfile: nil) == .environment)
        #expect(try choose(["HALO_PROFILE": "", "HALO_URL": ""]) == .profile("fromfile", origin: .configDefault))
    }

    @Test func theConfigFileIsReadOnlyWhenNothingElseDecides() throws {
        struct Broken: Error {}
        let choice = try ConnectionChoice.choose(profileFlag: "acme", sandbox: false, environment: [:],
                                                 defaultProfile: { throw Broken() })
        #expect(choice == .profile("acme", origin: .flag))
        #expect(throws: Broken.self) {
            try ConnectionChoice.choose(profileFlag: nil, sandbox: false, environment: [:], defaultProfile: { throw Broken() })
        }
    }
}
