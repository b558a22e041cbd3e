/// Hand-written programs for the differential tests: the corners where an engine that compiles
/// scopes, frames and control flow differently is most likely to go wrong.
enum TrickyPrograms {
    static let all: [(name: String, source: String)] = [
        ("closures-in-a-loop-share-the-loop-variable", """
        fs = []
        for i in range(3) { fs += [fn() { return i }] }
        print [f() for f in fs]
        gs = []
        fn make(k) { return fn() { return k } }
        for i in range(3) { gs += [make(i)] }
        print [g() for g in gs]
        """),
        ("closures-made-in-a-function-loop", """
        fn build(n) {
          out = []
          for i in range(n) {
            j = i * 10
            out += [fn(x) { return x + i + j }]
          }
          return out
        }
        print map(build(3), fn(f) { return f(1) })
        """),
        ("shadowing-parameters-loop-variables-and-catch-names", """
        x = "global"
        e = "global e"
        fn f(x) {
          for e in [1, 2] { x = x + e }
          try { fail "boom" } catch e { print "caught", e^message }
          return x
        }
        print f(10), x, e
        for x in ["a"] { print x }
        print x
        """),
        ("a-function-updates-the-global-it-assigns", """
        count = 0
        fn bump(by = 1) { count = count + by; return count }
        bump()
        bump(5)
        print count
        fn local_only() { temp = 1; return temp }
        print local_only()
        """),
        ("return-from-nested-loops-inside-a-function", """
        fn find(grid, target) {
          for r, row in grid {
            i = 0
            while true {
              if i >= len(row) { break }
              if row^(i) == target { return [r, i] }
              i += 1
            }
          }
          return "none"
        }
        print find([[1, 2], [3, 4]], 4), find([[1]], 9), find([], 1)
        """),
        ("try-catch-around-return-break-and-continue", """
        fn f(n) {
          try {
            if n > 0 { return "returned in try" }
            fail "failed"
          } catch e {
            return "returned in catch: " + e^message
          }
          return "not reached"
        }
        print f(1), f(0)
        for i in range(5) {
          try {
            if i == 1 { continue }
            if i == 3 { break }
            print "body", i
          } catch { print "never" }
        }
        i = 0
        while i < 10 {
          i += 1
          try { if i % 2 == 0 { continue } 1 / (i - 5) } catch e { print "at", i, e^message; break }
        }
        print i
        """),
        ("recursion-through-closures", """
        fact = null
        fact = fn(n) { if n <= 1 { return 1 } return n * fact(n - 1) }
        print fact(10)
        fn y(f) { return fn(n) { return f(y(f), n) } }
        print y(fn(self, n) { if n == 0 { return 0 } return n + self(n - 1) })(20)
        is_even = null
        is_odd = fn(n) { return n != 0 and is_even(n - 1) }
        is_even = fn(n) { return n == 0 or is_odd(n - 1) }
        print is_even(10), is_odd(7), is_even(7)
        """),
        ("defaults-refer-to-earlier-parameters-and-globals", """
        base = 100
        fn f(a, b = a * 2, c = a + b + base) { return [a, b, c] }
        print f(1), f(1, 1), f(1, 1, 1)
        base = 0
        print f(2)
        fn g(a = h()) { return a }
        fn h() { return "from h" }
        print g(), g(3)
        """),
        ("wrong-argument-counts", """
        fn f(a, b = 1) { return a + b }
        try { f() } catch e { print e^message, e^line, e^column }
        try { f(1, 2, 3) } catch e { print e^message }
        try { map([1], fn() { return 1 }) } catch e { print e^message }
        print f(1, 2, 3)
        """),
        ("counter-factories-are-independent", """
        fn counter(start = 0) {
          n = start
          fn inc() { n += 1; return n }
          fn value() { return n }
          return {inc: inc, value: value}
        }
        a = counter()
        b = counter(10)
        a^inc()
        a^inc()
        b^inc()
        print a^value(), b^value()
        c = a
        c^inc()
        print a^value(), c^value()
        """),
        ("three-levels-of-closures-mutating-outer-variables", """
        fn outer() {
          total = 0
          fn mid(k) {
            fn inner(d) { total += d * k; return total }
            return inner
          }
          return [mid(1), mid(10), fn() { return total }]
        }
        fs = outer()
        fs^0(1)
        fs^1(2)
        print fs^2(), fs^0(3), fs^2()
        """),
        ("recursion-depth-error-and-its-call-chain", """
        fn down(n) { return down(n + 1) }
        fn start() { return down(0) }
        try { start() } catch e { print e^message }
        start()
        """),
        ("an-uncaught-error-deep-in-calls-renders-the-chain", """
        fn a(x) { return b(x) + 1 }
        fn b(x) { return c(x)^y < 1 }
        fn c(x) { return {y: x} }
        print a(1)
        print a("s")
        """),
        ("calling-a-non-function-and-unknown-keys", """
        o = {a: 1}
        print o^b, o^b^c, [1, 2]^5, [1, 2]^-3
        try { o^a() } catch e { print e^message }
        try { print o^b + 1 } catch e { print e^message }
        x = 5
        x(1)
        """),
        ("integer-overflow-and-division", """
        big = 9223372036854775807
        print big, -big - 1, 7 / 2, 6 / 2, -7 % 2, 7.5 % 2, 5 % -1, (-big - 1) % -1
        for op in ["+", "*", "-", "neg", "abs", "div"] {
          try {
            if op == "+" { print big + 1 }
            if op == "*" { print big * 2 }
            if op == "-" { print -big - 2 }
            if op == "neg" { print -(-big - 1) }
            if op == "abs" { print abs(-big - 1) }
            if op == "div" { print (-big - 1) / -1 }
          } catch e { print op, e^message }
        }
        n = big
        n += 1
        """),
        ("strings-and-interpolation", """
        t = {id: 5, name: "Acme", tags: ["a", "b"], nested: {x: null}}
        print "Ticket <<t^id>> for <<t^name>>: <<1 + 2>> <<upper("x")>> <<t^tags>> <<t^nested>> <<t^"name">>"
        print 'raw <<t>> \\n', "esc \\<<t>> \\t|", "\\u00e9\\ud83d\\ude00"
        s = ""
        for ch in "héllo" { s = ch + s }
        print s, len(s), split("a,b,,c", ","), join(["x", "y"], "-")
        print "a" < "b", "B" < "a", "abc" in "xabcx"
        """),
        ("children-written-through-names-indexes-and-computed-keys", """
        x = {a: {b: 1}}
        x^a^b = 2
        x^n^m = 3
        x^"sp key" = 4
        k = "dyn"
        x^(k) = true
        print x
        l = [1, [2, 3]]
        l^0 = 9
        l^1^-1 = 8
        l^2 = 7
        print l
        y = x
        y^a^b = "changed"
        print x^a^b, y^a^b
        try { l^9 = 1 } catch e { print e^message }
        try { x^a^b^c = 1 } catch e { print e^message }
        n = 1
        n^a = 2
        """),
        ("compound-assignment-on-lists-strings-and-numbers", """
        l = [1]
        l += [2, 3]
        s = "a"
        s += "b"
        n = 10
        n -= 3
        d = 1.5
        d += 1
        o = {a: 1}
        o += {b: 2}
        print l, s, n, d, o
        l -= [1]
        """),
        ("comprehensions-over-lists-objects-and-strings", """
        print [x * x for x in [1, 2, 3]], [x for x in range(10) if x % 3 == 0]
        print [k for k in {a: 1, b: 2}], [c + c for c in "abc"]
        print [[i, i * i] for i in range(3) if i > 0]
        n = 2
        print [fn(x) { return x * n }(i) for i in range(3)]
        print [x for x in null]
        """),
        ("loops-over-objects-with-key-and-value-and-index", """
        for k, v in {a: 1, b: [2]} { print k, v }
        for i, x in ["a", "b"] { print i, x }
        for i in range(2, 10, 3) { print i }
        for i in range(3, 0, -1) { print i }
        for x in 5 { print x }
        """),
        ("assert-messages-and-comparison-sides", """
        x = 1
        assert x == 1, "holds"
        assert [1, 2] == [1, 2]
        assert x + 1 == 3, "x should be <<x + 2>>"
        print "not reached"
        """),
        ("fail-with-values-of-every-kind", """
        for v in ["text", 1, [1, 2], {a: 1}, null, 2.5] {
          try { fail v } catch e { print e^kind, e^message, type(e^message) }
        }
        fail {code: 7, why: "stop"}
        """),
        ("used-before-assigned", """
        fn f() { return later }
        try { f() } catch e { print e^message }
        later = 1
        print f()
        if false { never = 1 }
        print never
        """),
        ("requests-and-pmap", """
        r = get /api/tickets/<<3>> {a: 1, b: null}
        print r, status
        post /api/tickets {summary: "x"}
          -> s = response^summary
        print s, response
        print pmap([1, 2, 3], fn(id) { return get /api/t/<<id>> {id: id} })
        try { pmap([1, 2], fn(id) { return get /api/t/404 }) } catch e { print e^message, e^status }
        fn fetch(id) { return get /api/tickets/<<id>> }
        print pmap([1, 404], fn(id) { return fetch(id) })
        """),
        ("higher-order-builtins-calling-script-functions", """
        fn double(x) { return x * 2 }
        print map([1, 2], double), filter(range(6), fn(x) { return x % 2 == 1 })
        print sort_by([{n: 2}, {n: 1}], fn(o) { return o^n }), group_by(["aa", "b", "cc"], fn(s) { return len(s) })
        print find([1, 2, 3], fn(x) { return x > 1 }), any([], double), all([], double)
        print map([1, "a"], fn(x) { return x * 2 })
        """),
        ("errors-inside-callbacks-keep-the-call-chain", """
        fn check(x) { assert x < 3, "too big: <<x>>"; return x }
        fn run(xs) { return map(xs, check) }
        print run([1, 2])
        print run([1, 5])
        """),
        ("while-with-break-continue-and-else-if-chains", """
        i = 0
        out = []
        while true {
          i += 1
          if i == 2 { continue } else if i == 4 { out += ["four"] } else if i > 6 { break } else { out += [i] }
        }
        print out, i
        """),
        ("the-last-expression-is-the-runs-value", """
        x = 6 / 2
        x + 0.0
        """),
        ("comparisons-of-mixed-types", """
        print 1 == 1.0, "1" == 1, null == false, [1, [2]] == [1, [2]], {a: 1, b: 2} == {b: 2, a: 1}
        print [1, 2] < [1, 3], false < true, null ?? 0 ?? 1, 0 ?? 1
        print 1 < "a"
        """),
        ("step-budget-runs-out-at-the-same-step", """
        i = 0
        while true { i += 1; if i % 1000 == 0 { print i } }
        """),
        ("step-budget-through-recursion-and-comprehensions", """
        fn f(n) { if n == 0 { return 0 } return 1 + f(n - 1) }
        total = 0
        for k in range(1000) { total += f(20); print k }
        """),
    ]
}
