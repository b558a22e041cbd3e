// swift-tools-version:6.0
import PackageDescription

/// Generic types' metadata through accessors rather than mangled names, which the runtime demangles
/// on first use, looking up each generic requirement's conformance by scanning every conformance
/// record of the binary (~0.47 M instructions per new dictionary key type; docs/PERFORMANCE.md).
let metadataAccessors = ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]

/// The shared C++ and GCC runtime libraries, linked statically into the release build: loading
/// and relocating libstdc++.so and libgcc_s.so at start was 1.5 ms of a 5.5 ms `halo -e 'print 1'`
/// (docs/PERFORMANCE.md). The Swift runtime and ICU are their only users. Swift's link line names
/// `-lstdc++` before anything a package can add, so a linker script of that name, found first,
/// points the linker at the static archive instead (Sources/halo/StaticLinking/libstdc++.so).
let staticRuntimeLibraries = [
    "-L", String(#filePath.dropLast("Package.swift".count)) + "Sources/halo/StaticLinking",
    "-Xclang-linker", "-static-libgcc",
]

let package = Package(
    name: "halo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "halo", targets: ["halo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // The language: knows nothing of HTTP.
        .target(name: "HaloCore", swiftSettings: [
            // The interpreter's frames are touched from one thread; runtime exclusivity checks
            // cost ~7% of a call-heavy script (measured with callgrind) and guard nothing here.
            .unsafeFlags(["-enforce-exclusivity=unchecked"] + metadataAccessors, .when(configuration: .release)),
        ]),
        // libcurl's easy interface for the default transport (FoundationNetworking's URLSession
        // busy-waits on Linux while it waits for a reply), opened at the first request; its headers
        // come from libcurl4-openssl-dev (scripts/setup).
        .target(name: "CCurl", dependencies: ["CDynamicLibrary"]),
        // Opening a shared library at first use, for CCurl and CEditLine.
        .target(name: "CDynamicLibrary"),
        // The Halo REST client: knows nothing of the language.
        .target(name: "HaloClient", dependencies: ["CCurl"]),
        // URLSession as a transport: halo offers it on macOS only (on Linux it would link libcurl).
        .target(name: "HaloURLSession", dependencies: ["HaloClient"]),
        // Profiles and secrets from config.toml: knows neither the language nor HTTP.
        .target(name: "HaloConfig"),
        // The embedded Halo-compatible server, seeded from seeds/.
        .target(name: "HaloSandbox", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // libedit (BSD licence) for the REPL's line editing, through its readline-compatible API,
        // opened when the REPL starts on a terminal.
        .target(name: "CEditLine", dependencies: ["CDynamicLibrary"]),
        // The interactive REPL: knows the language, not HTTP (requests go through the performer).
        .target(name: "HaloRepl", dependencies: ["HaloCore", "CEditLine"]),
        // The command: wires the language to the client and the sandbox.
        .executableTarget(name: "halo", dependencies: [
            "HaloCore", "HaloClient", "HaloConfig", "HaloSandbox", "HaloRepl",
            .target(name: "HaloURLSession", condition: .when(platforms: [.macOS])),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["StaticLinking"], swiftSettings: [
            .unsafeFlags(metadataAccessors, .when(configuration: .release)),
        ], linkerSettings: [
            // swiftc exports every symbol of a Linux executable (22,000 here: NIO, Hummingbird, ...);
            // nothing looks them up, but the runtime's start-up dladdr scans them all (0.8 M of a
            // 6.6 M-instruction `halo -e 'print 1'`).
            .unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux])),
            .unsafeFlags(staticRuntimeLibraries, .when(platforms: [.linux], configuration: .release)),
        ]),
        .testTarget(name: "HaloCoreTests", dependencies: ["HaloCore"], exclude: ["FuzzRegressions", "EngineReference"]),
        .testTarget(name: "HaloClientTests", dependencies: ["HaloClient", "HaloURLSession", "HaloSandbox"]),
        .testTarget(name: "HaloSandboxTests", dependencies: ["HaloSandbox"]),
        .testTarget(name: "HaloConfigTests", dependencies: ["HaloConfig"]),
        .testTarget(name: "HaloReplTests", dependencies: ["HaloRepl", "HaloCore"]),
        .testTarget(name: "HaloCLITests", dependencies: ["HaloSandbox"], exclude: ["Fixtures", "EngineReference"]),
    ],
    swiftLanguageModes: [.v6]
)
