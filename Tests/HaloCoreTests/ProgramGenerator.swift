/// A deterministic generator of random halo programs over the language's grammar, for the
/// differential tests of the two engines (EngineDifferentialTests.swift). The same seed always gives
/// the same program, so a mismatch is reproduced from the seed alone.
///
/// Programs are typed loosely: the generator remembers what kind of value each variable was given
/// and mostly builds expressions that make sense for it, so that a program runs well past its first
/// statements; a small share of expressions is wrong on purpose (a string plus a number, a division
/// by zero, an overflow, a call of a non-function, too many arguments, ...), and many statements are
/// wrapped in `try`/`catch`, so that errors are raised, caught and printed as well as left to end
/// the run. Every loop is bounded by construction; the step budget the tests set is only a guard.
struct ProgramGenerator {
    /// SplitMix64: small, fast and the same on every platform (the standard library's generator is
    /// seeded randomly).
    struct Random: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    enum Kind: CaseIterable { case int, double, bool, string, list, object }

    /// A function the program defined, as the generator may call it.
    struct Function {
        var name: String
        var required: Int
        var optional: Int
        var returns: Kind
    }

    private var random: Random
    private var lines: [String] = []
    private var indent = 0
    /// Variables visible where the generator writes, innermost scope last.
    private var scopes: [[(name: String, kind: Kind)]] = [[]]
    private var functions: [Function] = []
    private var fresh = 0
    private var loopDepth = 0
    private var functionDepth = 0
    /// Names the generator must not assign (loop counters), so that every loop ends.
    private var reserved: Set<String> = []
    /// How deep an expression may still nest.
    private var budget = 0
    /// No expression that is wrong on purpose (the first globals, which everything else reads).
    private var safe = false

    init(seed: UInt64) { random = Random(seed: seed) }

    /// The program for `seed`.
    static func program(seed: UInt64) -> String {
        var generator = ProgramGenerator(seed: seed)
        return generator.program()
    }

    // MARK: - Program

    mutating func program() -> String {
        safe = true
        for _ in 0..<int(3...6) { assignNew() }
        safe = false
        // Templates: the shapes the brief names, each with random parts.
        var templates: [(inout ProgramGenerator) -> Void] = [
            { $0.counterFactory() }, { $0.nestedClosures() }, { $0.recursion() }, { $0.closuresInLoop() },
            { $0.randomFunction() }, { $0.randomFunction() }, { $0.memoised() }, { $0.higherOrder() },
            { $0.nestedLoops() }, { $0.requests() }, { $0.childWrites() }, { $0.errorObject() },
        ]
        templates.shuffle(using: &random)
        for template in templates.prefix(int(3...6)) { template(&self) }
        for _ in 0..<int(6...14) {
            if chance(0.35) {
                line("try {")
                indent += 1
                conditional { $0.statement(depth: 2) }
                indent -= 1
                line("} catch e { print \"caught\", e^message }")
            } else {
                statement(depth: 2)
            }
        }
        if chance(0.3) { uncaughtEnding() }
        if chance(0.25) { line("print \(expr(.any))") }
        if chance(0.2) { line(expr(.any)) } // the run's value, as the REPL shows it
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Randomness

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    private mutating func name(_ prefix: String) -> String {
        fresh += 1
        return "\(prefix)\(fresh)"
    }

    private mutating func line(_ text: String) {
        lines.append(String(repeating: "  ", count: indent) + text)
    }

    private mutating func block(_ header: String, _ body: (inout ProgramGenerator) -> Void, closing: String = "}") {
        line(header + " {")
        indent += 1
        let before = lines.count
        body(&self)
        if lines.count == before && chance(0.5) { line("print \"empty\"") }
        indent -= 1
        line(closing)
    }

    // MARK: - Variables

    private func variables(_ kind: Kind? = nil) -> [String] {
        scopes.flatMap { $0 }.filter { kind == nil || $0.kind == kind }.map(\.name).filter { !reserved.contains($0) }
    }

    private mutating func declare(_ name: String, _ kind: Kind) {
        scopes[scopes.count - 1].append((name, kind))
    }

    /// Runs `body` in a scope whose new names are forgotten afterwards (a branch that may not run:
    /// reading them later could be "used before it is assigned"), except now and then on purpose.
    private mutating func conditional(_ body: (inout ProgramGenerator) -> Void) {
        let saved = scopes[scopes.count - 1].count
        body(&self)
        if !chance(0.05) { scopes[scopes.count - 1].removeSubrange(saved...) }
    }

    private mutating func assignNew() {
        let kind = pick(Kind.allCases)
        let n = name("v")
        line("\(n) = \(expr(kind))")
        declare(n, kind)
    }

    // MARK: - Statements

    private mutating func statement(depth: Int) {
        let roll = int(0...99)
        switch roll {
        case 0..<12: assignNew()
        case 12..<20: reassign()
        case 20..<28: compound()
        case 28..<36: childAssign()
        case 36..<48: line("print " + (0..<int(1...3)).map { _ in expr(.any) }.joined(separator: ", "))
        case 48..<56 where depth > 0: ifElse(depth: depth - 1)
        case 56..<63 where depth > 0: forLoop(depth: depth - 1)
        case 63..<68 where depth > 0: whileLoop(depth: depth - 1)
        case 68..<80 where depth > 0: tryCatch(depth: depth - 1)
        case 80..<84: failStatement()
        case 84..<87:
            let v = expr(Kind?.none)
            let condition = chance(0.8) ? pick(["\(v) == \(v)", "type(\(v)) != \"function\"", "len(str(\(v))) > 0"]) : expr(.bool)
            line("assert \(condition), \"assert <<\(interpolated())>>\"")
        case 87..<92 where loopDepth > 0: line("if \(expr(.bool)) { \(pick(["break", "continue"])) }")
        case 92..<96 where functionDepth > 0: line("if \(expr(.bool)) { return \(expr(.any)) }")
        case 92..<98 where !functions.isEmpty: line(call(pick(functions)))
        default: line("print \(expr(.any))")
        }
    }

    private mutating func body(depth: Int, count: ClosedRange<Int> = 1...4) {
        for _ in 0..<int(count) { statement(depth: depth) }
    }

    private mutating func reassign() {
        let candidates = variables()
        guard !candidates.isEmpty else { return assignNew() }
        let n = pick(candidates)
        let kind = scopes.flatMap { $0 }.last { $0.name == n }!.kind
        line("\(n) = \(expr(chance(0.9) ? kind : Kind?.none))")
    }

    private mutating func compound() {
        if let n = variables(.int).randomElement(using: &random) {
            return line("\(n) \(pick(["+=", "-="])) \(chance(0.9) ? leaf(.int) : expr(.int))")
        }
        if let n = variables(.list).randomElement(using: &random) { return line("\(n) += \(expr(.list))") }
        if let n = variables(.string).randomElement(using: &random) { return line("\(n) += \(expr(.string))") }
        assignNew()
    }

    private mutating func childAssign() {
        if chance(0.5) {
            line("try {")
            indent += 1
            childWrite()
            indent -= 1
            line("} catch e { print \"caught, not written:\", e^message }")
        } else {
            childWrite()
        }
    }

    private mutating func childWrite() {
        if chance(0.5), let n = variables(.list).randomElement(using: &random) {
            let index = chance(0.8) ? "(len(\(n)))" : pick(["0", "-1", "1", "(\(expr(.int)))", "5"])
            return line("\(n)^\(index) = \(expr(.any))")
        }
        if let n = variables(.object).randomElement(using: &random) {
            let path = pick(["a", "b", "a^x", "\"sp key\"", "(\(expr(.string)))", "n^m^o", "if"])
            return line("\(n)^\(path) = \(expr(.any))")
        }
        if let n = variables(.int).randomElement(using: &random), chance(0.3) {
            return line("\(n)^a = 1") // cannot set a child of number
        }
        assignNew()
    }

    private mutating func ifElse(depth: Int) {
        line("if \(expr(.bool)) {")
        indent += 1
        conditional { $0.body(depth: depth) }
        indent -= 1
        if chance(0.3) {
            line("} else if \(expr(.bool)) {")
            indent += 1
            conditional { $0.body(depth: depth) }
            indent -= 1
        }
        if chance(0.5) {
            line("} else {")
            indent += 1
            conditional { $0.body(depth: depth) }
            indent -= 1
        }
        line("}")
    }

    private mutating func forLoop(depth: Int) {
        let x = name("x"), y = name("y")
        let header: String
        var bound: [(String, Kind)] = []
        switch int(0...5) {
        case 0: header = "for \(x) in \(expr(.list))"; bound = [(x, .int)]
        case 1: header = "for \(x), \(y) in \(expr(.object))"; bound = [(x, .string), (y, .int)]
        case 2: header = "for \(x), \(y) in \(expr(.list))"; bound = [(x, .int), (y, .int)]
        case 3: header = "for \(x) in \(expr(.string))"; bound = [(x, .string)]
        case 4: header = "for \(x) in range(\(int(-1...6)))"; bound = [(x, .int)]
        default: header = "for \(x) in range(\(int(0...3)), \(int(2...9)), \(pick([1, 2, 3])))"; bound = [(x, .int)]
        }
        loopDepth += 1
        block(header) { g in
            g.conditional { g in
                for (n, k) in bound { g.declare(n, k) }
                g.body(depth: depth)
            }
        }
        loopDepth -= 1
    }

    private mutating func whileLoop(depth: Int) {
        let counter = name("w")
        line("\(counter) = 0")
        reserved.insert(counter)
        declare(counter, .int)
        loopDepth += 1
        block("while \(counter) < \(int(0...5))") { g in
            g.line("\(counter) += 1")
            g.conditional { $0.body(depth: depth) }
        }
        loopDepth -= 1
    }

    private mutating func tryCatch(depth: Int) {
        let err = name("e")
        block("try") { g in g.conditional { $0.body(depth: depth) } }
        lines[lines.count - 1] += pick([" catch \(err) {", " catch {"])
        indent += 1
        if lines[lines.count - 1].hasSuffix("catch {") {
            line("print \"caught\"")
        } else {
            switch int(0...3) {
            case 0: line("print \"caught\", \(err)")
            case 1: line("print \"caught <<\(err)^kind>> at <<\(err)^line>>: <<\(err)^message>>\"")
            case 2: line("print \"caught\", \(err)^message, \(err)^line, \(err)^column, \(err)^file")
            default: line("print \"caught\", keys(\(err)), \(err)^message")
            }
        }
        if depth > 0 && chance(0.3) { conditional { $0.body(depth: 0, count: 1...2) } }
        indent -= 1
        line("}")
    }

    private mutating func failStatement() {
        let value = pick(["\"failed <<\(interpolated())>>\"", expr(.object), expr(.int), "\"plain failure\""])
        if chance(0.8) {
            line("try { fail \(value) } catch f { print \"caught\", f^kind, f^message, f^line }")
        } else {
            line("if \(expr(.bool)) { fail \(value) }")
        }
    }

    // MARK: - Functions

    private mutating func call(_ f: Function) -> String {
        var count = f.required + int(0...f.optional)
        if chance(0.04) { count = pick([f.required + f.optional + 1, max(0, f.required - 1)]) }
        let args = (0..<count).map { _ in expr(.int) }
        return "\(f.name)(\(args.joined(separator: ", ")))"
    }

    /// A function body: params declared in a new scope, statements, a final return.
    private mutating func functionBody(params: [String], returns: Kind, depth: Int = 1) {
        scopes.append(params.map { ($0, .int) })
        functionDepth += 1
        let savedLoop = loopDepth
        loopDepth = 0
        body(depth: depth, count: 0...3)
        line("return \(expr(returns))")
        loopDepth = savedLoop
        functionDepth -= 1
        scopes.removeLast()
    }

    private mutating func randomFunction() {
        let f = name("f")
        let required = int(0...2), optional = int(0...2)
        let params = (0..<(required + optional)).map { "p\($0)" }
        var list: [String] = Array(params.prefix(required))
        scopes.append(params.prefix(required).map { ($0, .int) })
        for p in params.dropFirst(required) {
            list.append("\(p) = \(expr(.int))") // defaults may use earlier parameters
            declare(p, .int)
        }
        scopes.removeLast()
        let returns = pick(Kind.allCases)
        block("fn \(f)(\(list.joined(separator: ", ")))") { $0.functionBody(params: params, returns: returns) }
        let info = Function(name: f, required: required, optional: optional, returns: returns)
        functions.append(info)
        for _ in 0..<int(1...2) { line("print \(call(info))") }
    }

    private mutating func counterFactory() {
        let make = name("make_counter"), c = name("c")
        let start = int(-2...5), step = pick(["1", "2", "start", "-1"])
        line("fn \(make)(start = \(start), step = \(step)) {")
        line("  n = start")
        line("  fn inc(by = step) {")
        line("    n += by")
        line("    return n")
        line("  }")
        line("  return inc")
        line("}")
        line("\(c) = \(make)(\(int(0...3)))")
        line("\(c)()")
        line("print \(c)(), \(c)(\(int(-3...3))), \(c)()")
        if chance(0.5) {
            let d = name("c")
            line("\(d) = \(make)()")
            line("print \(d)(), \(c)(), \(d)()  # independent counters")
        }
        if chance(0.3) { line("try { print \(c)(1, 2) } catch e { print e^message, e^line }") } // too many arguments
        functions.append(Function(name: c, required: 0, optional: 1, returns: .int))
    }

    private mutating func nestedClosures() {
        let outer = name("outer"), g = name("g")
        line("fn \(outer)(a) {")
        line("  b = a * \(int(1...3))")
        line("  fn mid(c) {")
        line("    fn inner(d) {")
        line("      b += d")
        line("      c = c \(pick(["+", "-", "*"])) \(int(1...3))")
        line("      return [a, b, c, d]")
        line("    }")
        line("    return inner")
        line("  }")
        line("  return mid")
        line("}")
        line("\(g) = \(outer)(\(int(-5...5)))(\(int(0...4)))")
        line("print \(g)(1), \(g)(\(int(0...9)))")
        line("print \(outer)(1)(2)(3)")
        if chance(0.3) { line("try { print \(outer)(1)(2)(3)(4) } catch e { print e }") } // calling a list
    }

    private mutating func recursion() {
        let f = name("rec")
        switch int(0...2) {
        case 0:
            line("fn \(f)(n) { if n < 2 { return n } return \(f)(n - 1) + \(f)(n - 2) }")
            line("print \(f)(\(int(0...12)))")
        case 1:
            line("fn \(f)(n, acc = 1) {")
            line("  if n <= 1 { return acc }")
            line("  return \(f)(n - 1, acc * n)")
            line("}")
            line("try { print \(f)(\(int(0...10))), \(f)(\(pick([5, 20, 21, 25]))) } catch e { print \"caught\", e }") // 21! overflows
        default:
            line("fn \(f)(xs) {")
            line("  if len(xs) == 0 { return [] }")
            line("  return \(f)(slice(xs, 1)) + [xs^0]")
            line("}")
            line("print \(f)(\(expr(.list)))")
        }
        if chance(0.35) {
            let deep = name("deep")
            line("fn \(deep)(n) { return \(deep)(n + 1) + 1 }")
            line("try { \(deep)(0) } catch e { print e^message }")
        }
        if chance(0.3) {
            // Mutual recursion through closures held in variables.
            let even = name("is_even"), odd = name("is_odd")
            line("\(even) = null")
            line("\(odd) = fn(n) { if n == 0 { return false } return \(even)(n - 1) }")
            line("\(even) = fn(n) { if n == 0 { return true } return \(odd)(n - 1) }")
            line("print \(even)(\(int(0...30))), \(odd)(\(int(0...30)))")
        }
    }

    private mutating func closuresInLoop() {
        let fs = name("fs"), i = name("i")
        line("\(fs) = []")
        block("for \(i) in range(\(int(1...4)))") { g in
            g.line("\(fs) += [fn(x) { return x * 10 + \(i) }]")
        }
        line("print [f(\(int(0...3))) for f in \(fs)]")
        line("print map(\(fs), fn(f) { return f(1) })")
    }

    private mutating func memoised() {
        let memo = name("memo"), f = name("fibm")
        line("\(memo) = {}")
        line("fn \(f)(n) {")
        line("  k = str(n)")
        line("  if k in \(memo) { return \(memo)^(k) }")
        line("  r = n")
        line("  if n >= 2 { r = \(f)(n - 1) + \(f)(n - 2) }")
        line("  \(memo)^(k) = r")
        line("  return r")
        line("}")
        line("try { print \(f)(\(pick([10, 30, 60, 90, 93]))), len(keys(\(memo))) } catch e { print \"caught\", e^message }") // fib(93) overflows
    }

    private mutating func higherOrder() {
        let xs = name("xs")
        line("\(xs) = \(expr(.list))")
        line("print map(\(xs), fn(x) { return type(x) })")
        line("print filter(range(\(int(0...12))), fn(x) { return x % \(int(1...4)) == 0 })")
        line("print [x * x for x in range(\(int(0...6))) if x != \(int(0...5))]")
        line("print sort_by([\(int(0...9)), \(int(0...9)), \(int(0...9))], fn(x) { return -x })")
        line("print count_by([\"a\", \"b\", \"a\", \"c\"], fn(s) { return s }), group_by(range(5), fn(x) { return x % 2 })")
        line("print pmap(range(\(int(0...5))), fn(x) { return x + \(int(0...9)) })")
        line("print find(\(xs), fn(x) { return x == \(int(0...3)) }), any(\(xs), fn(x) { return x == 1 }), all(\(xs), fn(x) { return x != null })")
        if chance(0.3) { line("try { print map(\(xs), fn(a, b) { return a }) } catch e { print e^message }") } // wrong arity through a built-in
        if chance(0.3) { line("try { print pmap([1, 2, 0, 4], fn(x) { return 12 / x }) } catch e { print e^message }") } // an item fails
        declare(xs, .list)
    }

    private mutating func nestedLoops() {
        let i = name("i"), j = name("j"), found = name("found")
        line("\(found) = []")
        block("for \(i) in range(\(int(1...4)))") { g in
            g.block("for \(j) in range(\(g.int(1...4)))") { g in
                g.line("if \(j) == \(g.int(0...3)) { continue }")
                g.line("if \(i) + \(j) > \(g.int(2...5)) { break }")
                g.line("\(found) += [[\(i), \(j)]]")
            }
            g.line("if len(\(found)) > \(g.int(2...6)) { break }")
        }
        line("print \(found)")
        let search = name("search")
        line("fn \(search)(grid, target) {")
        line("  for r, row in grid {")
        line("    for c, cell in row {")
        line("      if cell == target { return [r, c] }")
        line("    }")
        line("  }")
        line("  return null")
        line("}")
        line("print \(search)([[1, 2], [3, 4], [5]], \(int(0...6)))")
    }

    private mutating func requests() {
        let r = name("r")
        line("\(r) = get /api/things/<<\(int(0...9))>> {q: \(expr(.int))}")
        line("print \(r), status")
        line("post /api/tickets {summary: \(expr(.string))}")
        line("  -> \(r) = response^summary")
        line("print \(r)")
    }

    private mutating func childWrites() {
        let o = name("o"), l = name("l")
        line("\(o) = {a: {b: [1, 2, 3]}, \"k e y\": \(expr(.int))}")
        line("\(o)^a^b^-1 = \(expr(.any))")
        line("\(o)^a^c = \(expr(.int))")
        line("\(o)^x^y = \(expr(.string))")
        line("\(o)^(\"com\" + \"puted\") = \(expr(.bool))")
        line("print \(o), \(o)^a^b^(\(int(-4...4))), \(o)^\"k e y\", \(o)^missing^deeper")
        line("\(l) = [0, [1, 2]]")
        line("\(l)^1^0 = \(expr(.int))")
        line("try { \(l)^\(pick(["2", "3", "-1", "-3"])) = \(expr(.int)) } catch e { print \"caught\", e^message }")
        line("print \(l), \(l)^-1, [{n: 1}, {n: 2}, {m: 3}]^n")
        declare(o, .object)
        declare(l, .list)
    }

    private mutating func errorObject() {
        let f = name("thrower")
        line("fn \(f)(x) {")
        line("  if x > \(int(0...3)) { fail {code: x} }")
        line("  return 10 / (x - \(int(0...3)))")
        line("}")
        block("for k in range(\(int(1...5)))") { g in
            g.line("try { print \(f)(k) } catch err { print err^message, err^kind, err^line, err^column }")
        }
        line("try {")
        line("  for k in range(3) {")
        line("    try { \(pick(["break", "continue", "print k"])) } catch { print \"not reached\" }")
        line("    print \"after\", k")
        line("  }")
        line("} catch e { print e }")
    }

    /// An error nobody catches, to end the run with its diagnostic: the position, the call chain.
    private mutating func uncaughtEnding() {
        let f = name("end")
        switch int(0...7) {
        case 0:
            line("fn \(f)(n) { return \(f)(n + 1) + 1 }")
            line("print \(f)(0)")
        case 1:
            line("fn \(f)(a, b = 1) { return a + b }")
            line("print \(f)(1, 2, 3)")
        case 2:
            line("fn \(f)(x) { return x(1) }")
            line("print \(f)(\(expr(.list)))")
        case 3: line("assert \(expr(.int)) == \(expr(.int)), \"ends <<\(interpolated())>>\"")
        case 4: line("fail \(pick(["\"the end <<\(interpolated())>>\"", expr(.object)]))")
        case 5:
            line("fn \(f)(x) { return [x]^0 * 4611686018427387904 }")
            line("fn \(f)b(x) { return \(f)(x) }")
            line("print \(f)b(\(int(2...9)))")
        case 6:
            line("fn \(f)(xs) { return map(xs, fn(x) { return 10 / x }) }")
            line("print \(f)([3, 2, 1, 0])")
        default:
            line("for x in \(pick(["null", "5", "true"])) { print x }")
        }
    }

    // MARK: - Expressions

    /// `.any` picks a kind at random.
    private mutating func expr(_ kind: Kind?) -> String {
        let saved = budget
        if budget == 0 { budget = 3 }
        defer { budget = saved == 0 ? 0 : saved }
        budget -= 1
        if budget <= 0 { return leaf(kind ?? pick(Kind.allCases)) }
        if !safe && chance(0.012) { return wrong() }
        let kind = kind ?? pick(Kind.allCases)
        if chance(0.35) { return leaf(kind) }
        switch kind {
        case .int: return intExpr()
        case .double: return doubleExpr()
        case .bool: return boolExpr()
        case .string: return stringExpr()
        case .list: return listExpr()
        case .object: return objectExpr()
        }
    }

    /// `expr(.any)`: a value of any kind.
    private mutating func expr(_ any: AnyKind) -> String { expr(Kind?.none) }
    enum AnyKind { case any }

    private mutating func leaf(_ kind: Kind) -> String {
        if chance(0.5), let v = variables(kind).randomElement(using: &random) { return v }
        switch kind {
        case .int:
            if !safe && chance(0.06) { return pick(["9223372036854775807", "(-9223372036854775807 - 1)", "3037000500", "4611686018427387904"]) }
            return pick(["0", "1", "2", "3", "7", "-4", "10", "42"])
        case .double: return !safe && chance(0.06) ? "1.5e308" : pick(["0.5", "2.25", "-1.5", "1e3", "0.1", "3.0"])
        case .bool: return pick(["true", "false", "(1 < 2)", "null == null"])
        case .string: return pick(["\"\"", "\"a\"", "\"Acme\"", "\"a,b,c\"", "\"tab\\there\"", "'raw <<x>> \\n'",
                                   "\"\\u00e9t\\u00e9\"", "\"quote\\\"d\"", "\"\\<<not>>\"", "\"héllo wörld\""])
        case .list: return pick(["[]", "[1, 2, 3]", "[3, 1, 2]", "[\"b\", \"a\"]", "range(4)", "[1, [2, 3], null]",
                                 "[{n: 1}, {n: 2}]", "[true, 1.5, \"x\"]"])
        case .object: return pick(["{}", "{a: 1}", "{a: 1, b: 2}", "{b: {c: [1, 2]}, a: null}", "{\"sp key\": 1, 2: \"two\", if: 3}"])
        }
    }

    private mutating func intExpr() -> String {
        switch int(0...13) {
        case 0...1: return "(\(expr(.int)) \(pick(["+", "-"])) \(expr(.int)))"
        case 2: return "(\(expr(.int)) * \(chance(0.9) ? pick(["2", "3", "-1", "0"]) : expr(.int)))"
        case 3: return "(\(expr(.int)) \(pick(["/", "%"])) \(chance(0.9) ? pick(["2", "3", "-4", "7"]) : expr(.int)))"
        case 4: return "len(\(expr(pick([Kind.list, .string, .object]))))"
        case 5: return "-\(leaf(.int))"
        case 6: return "\(pick(["abs", "int", "floor", "ceil"]))(\(expr(pick([Kind.int, .double]))))"
        case 7: return "\(pick(["min", "max"]))(\(expr(.int)), \(expr(.int)))"
        case 8: return "sum(\(pick(["range(\(int(0...9)))", "[1, 2, 3]", "[\(expr(.int)), \(expr(.int))]"])))"
        case 9: return "(\(leaf(.list))^\(pick(["0", "-1", "1", "5", "(\(expr(.int)))"])) ?? \(int(0...3)))"
        case 10: return "(\(leaf(.object))^\(pick(["a", "b", "zz"])) ?? \(expr(.int)))"
        case 11:
            if let f = functions.filter({ $0.returns == .int }).randomElement(using: &random) { return call(f) }
            return "index_of(\(expr(.list)), \(expr(.int)))"
        case 12: return "(\(expr(.bool)) and \(expr(.int)) or \(expr(.int)))"
        default: return "len(\"<<\(interpolated())>>\")"
        }
    }

    private mutating func doubleExpr() -> String {
        switch int(0...5) {
        case 0: return "(\(expr(.int)) / \(pick(["2", "3", "7", "0.0", "4"])))"
        case 1: return "(\(expr(.double)) \(pick(["+", "-", "*", "%"])) \(expr(pick([Kind.int, .double]))))"
        case 2: return "sqrt(abs(\(expr(.int))))"
        case 3: return "round(\(expr(.double)), \(int(0...3)))"
        case 4: return "(\(expr(.double)) * 10)"
        default: return "num(\(pick(["\"2.5\"", "\"1e2\"", "\"7\""])))"
        }
    }

    private mutating func boolExpr() -> String {
        switch int(0...9) {
        case 0...1: return "(\(expr(.int)) \(pick(["<", "<=", ">", ">=", "==", "!="])) \(expr(.int)))"
        case 2: return "(\(expr(.string)) \(pick(["<", ">=", "==", "!="])) \(expr(.string)))"
        case 3: return "(\(expr(Kind?.none)) == \(expr(Kind?.none)))"
        case 4:
            if chance(0.3) { return "(\(expr(.string)) \(pick(["in", "not in"])) \(expr(.string)))" }
            return "(\(expr(Kind?.none)) \(pick(["in", "not in"])) \(expr(pick([Kind.list, .object]))))"
        case 5: return "(not \(expr(.bool)))"
        case 6: return "(\(expr(.bool)) \(pick(["and", "or"])) \(expr(.bool)))"
        case 7: return "bool(\(expr(Kind?.none)))"
        case 8: return "has(\(expr(.object)), \(pick(["\"a\"", "\"b\"", "\"zz\""])))"
        default: return "\(pick(["starts_with", "ends_with"]))(\(expr(.string)), \"a\")"
        }
    }

    private mutating func stringExpr() -> String {
        switch int(0...11) {
        case 0...2: return "\"<<\(interpolated())>> and <<\(interpolated())>>\""
        case 3: return "(\(expr(.string)) + \(expr(.string)))"
        case 4: return "\(pick(["upper", "lower", "trim"]))(\(expr(.string)))"
        case 5: return "str(\(expr(Kind?.none)))"
        case 6: return "join(\(pick(["[\"a\", \"b\"]", "split(\(expr(.string)), \",\")", "[]"])), \(pick(["\",\"", "\"\"", "\" - \""])))"
        case 7: return "slice(\(expr(.string)), \(int(-2...2)), \(int(0...5)))"
        case 8: return "replace(\(expr(.string)), \"a\", \"<<\(interpolated())>>\")"
        case 9: return "pad_left(str(\(expr(.int))), \(int(0...6)))"
        case 10: return "json(\(expr(Kind?.none)))"
        default: return "type(\(expr(Kind?.none)))"
        }
    }

    private mutating func listExpr() -> String {
        switch int(0...12) {
        case 0...1: return "[" + (0..<int(0...4)).map { _ in expr(Kind?.none) }.joined(separator: ", ") + "]"
        case 2: return "range(\(int(0...3)), \(expr(.int)) % 10)"
        case 3:
            let x = name("q")
            scopes.append([(x, .int)])
            defer { scopes.removeLast() }
            let iterable = pick(["range(\(int(0...6)))", "[1, 2, 3, 4]", leaf(.list)])
            let condition = chance(0.5) ? " if \(expr(.bool))" : ""
            return "[\(expr(Kind?.none)) for \(x) in \(iterable)\(condition)]"
        case 4: return "(\(expr(.list)) + \(expr(.list)))"
        case 5: return "map(\(expr(.list)), fn(x) { return [x] })"
        case 6: return "filter(\(expr(.list)), fn(x) { return x != null })"
        case 7: return "\(pick(["sort", "reverse", "unique", "flatten"]))(\(expr(.list)))"
        case 8: return "slice(\(expr(.list)), \(int(-2...2)))"
        case 9: return "split(\(expr(.string)), \(pick(["\",\"", "\"a\"", "\"\""])))"
        case 10: return "\(pick(["keys", "values", "items"]))(\(expr(.object)))"
        case 11: return "[{n: 1}, {n: \(expr(.int))}, {m: 2}]^n"
        default: return "push(\(expr(.list)), \(expr(Kind?.none)))"
        }
    }

    private mutating func objectExpr() -> String {
        switch int(0...5) {
        case 0...1:
            let keys = ["a", "b", "\"c d\"", "1", "if", "a"]
            return "{" + (0..<int(0...4)).map { _ in "\(pick(keys)): \(expr(Kind?.none))" }.joined(separator: ", ") + "}"
        case 2: return "(\(expr(.object)) + \(expr(.object)))"
        case 3: return "merge(\(expr(.object)), \(expr(.object)))"
        case 4: return "count_by(\(expr(.list)), fn(x) { return type(x) })"
        default: return "parse_json(\(pick(["\"{\\\"a\\\": 1, \\\"b\\\": [2]}\"", "'{\"z\": 1.5}'"])))"
        }
    }

    /// What goes between `<<` and `>>`: no string literal (quotes inside are legal but kept simple),
    /// no function literal.
    private mutating func interpolated() -> String {
        if chance(0.6), let v = variables().randomElement(using: &random) { return v }
        return pick(["1 + 2", "len([1, 2])", "7 / 2", "null", "[1, 2]", "{a: true}", "2.50", "true"])
    }

    /// An expression that is wrong on purpose: each is a runtime error of its own kind.
    private mutating func wrong() -> String {
        pick([
            "(\"n\" + \(leaf(.int)))", "(\(leaf(.int)) / 0)", "(\(leaf(.int)) % 0)", "(1 < \"a\")",
            "(9223372036854775807 + \(leaf(.int)))", "(-9223372036854775807 - 2)", "(4611686018427387904 * 2)",
            "(1e308 * 10)", "(\(leaf(.object))^(true))", "(\(leaf(.int)))(1)", "len(5)", "(null < 1)",
            "({a: 1}^a^b + 1)", "([1]^5 + 1)", "(-\"x\")", "(\"a\" - \"b\")", "num(\"99999999999999999999\")",
            "range(1, 2, 0)", "sum([1, \"a\"])", "([] < {})", "slice(5, 1)",
        ])
    }
}
