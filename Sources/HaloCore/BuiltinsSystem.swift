import Foundation

/// Time, the environment and pausing. Times are UTC; instants are ISO 8601 text or Unix seconds.
extension Builtins {
    static var system: [BuiltinFunction] {
        [
            .define("now", 0...0) { _, _ in .string(DateText.format(currentTime(), DateText.isoPattern) ?? "") },
            .define("today", 0...0) { _, _ in .string(DateText.format(currentTime(), "%Y-%m-%d") ?? "") },
            .define("time", 0...0) { _, _ in .double(currentTime()) },
            .define("parse_date", 1...1) { _, args in
                let text = try args.string(0)
                guard let seconds = DateText.parse(text) else {
                    throw args.error("cannot read \"\(text)\" as a date (expected e.g. 2026-11-29T05:13:16Z)")
                }
                return .number(seconds)
            },
            .define("format_date", 1...2) { _, args in
                let seconds = try args.number(0)
                let pattern = args.optional(1) == nil ? DateText.isoPattern : try args.string(1)
                guard let text = DateText.format(seconds, pattern) else {
                    throw args.error("cannot format \(args[0].display) with \"\(pattern)\"")
                }
                return .string(text)
            },
            .define("env", 1...2) { context, args in
                let name = try args.string(0)
                if context.secrets.protects(variable: name) {
                    throw args.error("refuses \(name): it holds a credential, which a runbook may not read (auth reads it itself)")
                }
                guard let value = getenv(name) else { return args.count == 2 ? args[1] : .null }
                return .string(String(cString: value))
            },
            .define("sleep", 1...1) { context, args in
                let seconds = try args.number(0)
                guard seconds >= 0, seconds <= 86_400 else {
                    throw args.error("expects between 0 and 86400 seconds, got \(args[0].display)")
                }
                // In slices, so that Ctrl-C ends the wait within a twentieth of a second.
                let interrupt = context.interrupt
                let end = Date().addingTimeInterval(seconds)
                try context.blocking {
                    while true {
                        try interrupt.check()
                        let left = end.timeIntervalSinceNow
                        if left <= 0 { break }
                        Thread.sleep(forTimeInterval: min(left, 0.05))
                    }
                }
                return .null
            },
        ]
    }

    private static func currentTime() -> Double {
        Date().timeIntervalSince1970
    }
}
