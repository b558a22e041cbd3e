import Testing
@testable import HaloCore

/// Objects of one shape share their keys and finished calls leave their frames for the next
/// call: neither may ever let a change to one value show through another.
@Suite struct SharedStateTests {
    @Test func changingOneParsedObjectLeavesItsSiblingsAlone() throws {
        let out = try run("""
            doc = parse_json('[{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]')
            first = doc^0
            first^extra = true
            first^name = "changed"
            print json(doc)
            print json(first)
            """)
        #expect(out == [#"[{"id":1,"name":"a"},{"id":2,"name":"b"}]"#,
                        #"{"id":1,"name":"changed","extra":true}"#])
    }

    @Test func objectsFromOneLiteralKeepTheirOwnKeys() throws {
        let out = try run("""
            rows = [{id: i} for i in range(3)]
            rows^1^note = "x"
            print json(rows)
            print keys(rows^0), keys(rows^1)
            """)
        #expect(out == [#"[{"id":0},{"id":1,"note":"x"},{"id":2}]"#, #"["id"] ["id","note"]"#])
    }

    @Test func parsedObjectsWithSameKeysInAnotherOrderKeepTheirOrder() throws {
        guard case .list(let items) = try JSON.parse(#"[{"a":1,"b":2},{"b":3,"a":4},{"a":5,"b":6}]"#) else {
            Issue.record("not a list")
            return
        }
        let orders = items.compactMap { item -> [String]? in
            guard case .object(let o) = item else { return nil }
            return o.keys
        }
        #expect(orders == [["a", "b"], ["b", "a"], ["a", "b"]])
        #expect(items[0] != items[2])
        #expect(items[1] == j(#"{"a":4,"b":3}"#))
    }

    @Test func closureMadeInACallKeepsThatCallsVariables() throws {
        let out = try run("""
            fn counter(start) {
              n = start
              return fn () { n += 1; return n }
            }
            a = counter(10)
            b = counter(20)
            print a(), a(), b(), a()
            """)
        #expect(out == ["11 12 21 13"])
    }

    @Test func recursionDoesNotMixUpReusedFrames() throws {
        let out = try run("""
            fn depth(n) { if n == 0 { return [] } rest = depth(n - 1); return rest + [n] }
            print depth(4), depth(2)
            """)
        #expect(out == ["[1,2,3,4] [1,2]"])
    }

    @Test func splitFindsMultiByteSeparators() throws {
        let out = try run(#"print split("a→b→→c", "→"), split("café", "é"), split("abc", "abcd")"#)
        #expect(out == [#"["a","b","","c"] ["caf",""] ["abc"]"#])
    }
}
