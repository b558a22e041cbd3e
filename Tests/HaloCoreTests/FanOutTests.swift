import Foundation
import Testing
@testable import HaloCore

/// `pmap`: items run together on several threads that take turns on one interpreter.
@Suite struct FanOutTests {
    /// Printed lines, and whether two `print`s were ever inside the sink at once.
    private final class Sink {
        private let lock = NSLock()   // not a Mutex: ThreadSanitizer sees the order an NSLock makes
        private var state: (lines: [String], inside: Int, overlapped: Bool) = ([], 0, false)
        private func withState<T>(_ body: (inout (lines: [String], inside: Int, overlapped: Bool)) -> T) -> T {
            lock.withLock { body(&state) }
        }
        func write(_ line: String) {
            withState {
                $0.inside += 1
                if $0.inside > 1 { $0.overlapped = true }
            }
            Thread.sleep(forTimeInterval: 0.001)   // a window in which an overlapping write would land
            withState {
                $0.lines.append(line)
                $0.inside -= 1
            }
        }
        var lines: [String] { withState { $0.lines } }
        var overlapped: Bool { withState { $0.overlapped } }
    }

    private struct Outcome {
        var lines: [String]
        var error: ScriptError?
        var seconds: Double
        var overlappingPrints: Bool
    }

    private func run(_ source: String, _ performer: RequestPerformer?, interrupt: InterruptFlag = InterruptFlag(),
                     maxCallDepth: Int = 200) -> Outcome {
        let sink = Sink()
        var options = InterpreterOptions()
        options.output = { sink.write($0) }
        options.performer = performer
        options.interrupt = interrupt
        options.maxCallDepth = maxCallDepth
        let started = Date()
        var error: ScriptError? = nil
        do {
            try Interpreter(options).run(source: source, file: "test.halo")
        } catch let failure as ScriptError {
            error = failure
        } catch {
            Issue.record("unexpected \(error)")
        }
        return Outcome(lines: sink.lines, error: error, seconds: Date().timeIntervalSince(started),
                       overlappingPrints: sink.overlapped)
    }

    @Test func resultsKeepTheInputOrder() {
        let halo = SlowPerformer()
        let outcome = run("print pmap([80, 10, 60, 20, 5, 40], fn(ms) { return get /wait/<<ms>>/<<ms>> })^id", halo)
        #expect(outcome.error == nil)
        #expect(outcome.lines == ["[80,10,60,20,5,40]"])
        #expect(halo.maxInFlight > 1)
    }

    @Test func manyItemsWithCallsClosuresAndLoopsAgreeWithMap() {
        let source = """
            fn work(i) {
              fn square(x) { return x * x }
              total = 0
              for k in range(30) { total += square(k) }
              reply = get /wait/1/<<i>>
              return [reply^id, total + i, [square(j) for j in range(3)], fn() { return i }]
            }
            together = pmap(range(200), work)
            inTurn = map(range(200), work)
            print [x^0 for x in together] == [x^0 for x in inTurn], [x^1 for x in together] == [x^1 for x in inTurn]
            print [x^2 for x in together] == [x^2 for x in inTurn], [x^3() for x in together] == range(200)
            """
        let halo = SlowPerformer(maxConcurrency: 4)
        let outcome = run(source, halo)
        #expect(outcome.error == nil)
        #expect(outcome.lines == ["true true", "true true"])
        #expect(halo.maxInFlight > 1)
    }

    @Test func eightItemsOfATenthOfASecondOverlap() {
        let halo = SlowPerformer(maxConcurrency: 4)
        let outcome = run("print len(pmap(range(8), fn(i) { return get /wait/100/<<i>> }))", halo)
        #expect(outcome.lines == ["8"])
        #expect(outcome.seconds < 0.6, "one after another takes 0.8 s; four at a time about 0.2 s")
        #expect(halo.maxInFlight == 4)
    }

    @Test func noMoreRequestsOverlapThanThePerformerAllows() {
        let halo = SlowPerformer(maxConcurrency: 2)
        let outcome = run("pmap(range(6), fn(i) { return get /wait/30/<<i>> })", halo)
        #expect(outcome.error == nil)
        #expect(halo.maxInFlight == 2)
    }

    @Test func aPerformerThatIsNotThreadSafeSeesOnlyTheCallingThread() {
        let halo = SingleThreadPerformer()
        let outcome = run("print pmap([1, 2, 3], fn(i) { return get /x/<<i>> })", halo)
        #expect(outcome.lines == [#"["/x/1","/x/2","/x/3"]"#])
        #expect(halo.threads.count == 1)
    }

    @Test func withoutAConnectionItIsMap() {
        let outcome = run("print pmap([1, 2, 3], fn(x) { return x * 2 }), pmap([\"a\"], upper)", nil)
        #expect(outcome.lines == [#"[2,4,6] ["A"]"#])
    }

    @Test func theFailingItemIsNamedAfterTheCallChain() {
        let source = """
            fn fetch(id) {
              if id == 12 { return get /fail/10/<<id>> }
              return get /wait/50/<<id>>
            }
            tickets = pmap([10, 11, 12, 13], fetch)
            """
        let error = run(source, SlowPerformer()).error
        #expect(located(error) == "2:24: GET /fail/10/12: 404 Not Found")
        #expect(error?.notes == ["in fetch() called at test.halo:5:11", "in pmap item 2 (value 12)"])
    }

    @Test func itemsNotStartedWhenOneFailsNeverStart() {
        let source = """
            fn job(i) {
              if i == 0 { return get /fail/20/0 }
              return get /wait/100/<<i>>
            }
            pmap(range(20), job)
            """
        let halo = SlowPerformer(maxConcurrency: 4)
        let outcome = run(source, halo)
        #expect(outcome.error?.notes == ["in job() called at test.halo:5:1", "in pmap item 0 (value 0)"])
        #expect(halo.log.count <= 4, "item 0 and at most the three in flight: \(halo.log)")
    }

    @Test func itemsInFlightWhenOneFailsSendNothingMoreAndTheirCatchDoesNotRun() {
        let source = """
            fn job(i) {
              if i == 0 { get /fail/100/0 }
              try {
                get /wait/300/<<i>>
                post /log {done: i}
              } catch {
                post /log {caught: i}
              }
              print "after <<i>>"
            }
            pmap(range(8), job)
            """
        let halo = SlowPerformer(maxConcurrency: 4)
        let outcome = run(source, halo)
        #expect(outcome.error?.message == "GET /fail/100/0: 404 Not Found")
        #expect(halo.log.filter { $0.hasPrefix("POST") } == [])
        #expect(halo.log.count > 1, "other items were in flight when item 0 failed: \(halo.log)")
        #expect(outcome.lines == [])
    }

    @Test func aWriteInsideIsSentOnce() {
        let halo = SlowPerformer()
        let outcome = run("print pmap(range(10), fn(i) { return post /log {n: i} })^n", halo)
        #expect(outcome.lines == ["[0,1,2,3,4,5,6,7,8,9]"])
        #expect(halo.log.sorted() == (0..<10).map { #"POST /log {"n":\#($0)}"# }.sorted())
    }

    @Test func printedLinesStayWholeAndDoNotOverlap() {
        let source = """
            fn job(i) {
              print "start <<i>> " + join([str(i) for x in range(50)], "")
              get /wait/20/<<i>>
              print "end <<i>>"
            }
            pmap(range(12), job)
            """
        let outcome = run(source, SlowPerformer())
        #expect(outcome.error == nil)
        #expect(!outcome.overlappingPrints)
        #expect(outcome.lines.count == 24)
        for i in 0..<12 {
            #expect(outcome.lines.contains("start \(i) " + String(repeating: "\(i)", count: 50)))
            #expect(outcome.lines.contains("end \(i)"))
        }
    }

    @Test func ctrlCStopsAFanOut() {
        let flag = InterruptFlag()
        // A thread of its own: under a full parallel test run, GCD's pool can be busy for minutes.
        Thread {
            Thread.sleep(forTimeInterval: 0.15)
            flag.raise()
        }.start()
        let halo = SlowPerformer(maxConcurrency: 4)
        let outcome = run("pmap(range(40), fn(i) { return get /wait/100/<<i>> })", halo, interrupt: flag)
        #expect(outcome.error?.kind == .interrupted)
        #expect(outcome.error?.notes == [])
        #expect(outcome.seconds < 0.8, "the whole list takes 1 s four at a time")
        #expect(halo.log.count < 40)
    }

    @Test func sleepLetsTheOtherItemsRun() {
        let outcome = run("pmap(range(4), fn(i) { sleep(0.2) })", SlowPerformer(maxConcurrency: 4))
        #expect(outcome.error == nil)
        #expect(outcome.seconds < 0.6, "one after another takes 0.8 s")
    }

    @Test func eachThreadCountsItsOwnCallDepth() {
        let source = """
            fn down(n) {
              if n == 0 { return get /wait/50/1 }
              return down(n - 1)
            }
            print len(pmap(range(4), fn(i) { return down(150) }))
            """
        let outcome = run(source, SlowPerformer(maxConcurrency: 4), maxCallDepth: 200)
        #expect(outcome.error == nil, "four items 150 calls deep would pass 200 if they shared one count")
        #expect(outcome.lines == ["4"])
    }

    @Test func nestedFanOutsKeepOrderAndShareTheWidth() {
        let halo = SlowPerformer(maxConcurrency: 4)
        let source = "print pmap([1, 2], fn(a) { return pmap([1, 2, 3], fn(b) { return get /wait/20/<<a * 10 + b>> })^id })"
        let outcome = run(source, halo)
        #expect(outcome.lines == ["[[11,12,13],[21,22,23]]"])
        #expect(halo.maxInFlight <= 4)
        #expect(halo.threadCount <= 4)
    }

    @Test func aNestedFanOutUsesTheThreadsTheOuterOneLeaves() {
        let halo = SlowPerformer(maxConcurrency: 4)
        let outcome = run("pmap([1, 2], fn(a) { return pmap(range(6), fn(b) { return get /wait/50/<<b>> }) })", halo)
        #expect(outcome.error == nil)
        #expect(halo.maxInFlight > 2, "two outer items leave two threads for their inner items")
    }

    @Test func itemsReadAndUpdateOuterVariables() {
        let source = """
            n = 0
            step = 2
            pmap(range(8), fn(i) {
              get /wait/10/<<i>>
              n += step
            })
            print n
            """
        #expect(run(source, SlowPerformer()).lines == ["16"])
    }

    @Test func itemsImportingAModuleWhoseTopLevelWaitsRunItOnce() throws {
        let files = try TemporaryFiles(["slow.halo": "get /wait/100/1\nloaded = 10\n"])
        let source = """
            fn job(i) {
              import "./slow"
              return loaded + i
            }
            print pmap(range(4), job)
            """
        let halo = SlowPerformer(maxConcurrency: 4)
        let sink = Sink()
        var options = InterpreterOptions()
        options.output = { sink.write($0) }
        options.performer = halo
        try Interpreter(options).run(source: source, file: files.path("main.halo"))
        #expect(sink.lines == ["[10,11,12,13]"])
        #expect(halo.log == ["GET /wait/100/1"])
    }

    @Test func argumentsAreChecked() {
        #expect(located(run("x = pmap(1, upper)", nil).error) == "1:5: pmap() expects a list, got number")
        #expect(located(run("x = pmap([1], 2)", nil).error) == "1:5: pmap() expects a function as argument 2, got number")
    }
}
