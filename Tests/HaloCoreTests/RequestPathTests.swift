import Testing
@testable import HaloCore

/// An interpolated value is data inside one path segment: it can never change which resource is named.
@Suite struct RequestPathTests {
    @Test func slashesAndDotsInAValueAreEncodedIntoOneSegment() throws {
        let halo = RecordingPerformer()
        _ = try run("id = \"../client/3\"\ndelete /api/tickets/<<id>>", performer: halo)
        #expect(halo.log == ["DELETE /api/tickets/..%2Fclient%2F3"])
    }

    @Test func aQueryInAValueCannotBeInjected() throws {
        let halo = RecordingPerformer()
        _ = try run("id = \"1?search=x&count=1#top\"\nget /api/tickets/<<id>>", performer: halo)
        #expect(halo.log == ["GET /api/tickets/1%3Fsearch%3Dx%26count%3D1%23top"])
    }

    @Test func spacesPercentAndUnicodeAreEncodedAsUTF8() throws {
        let halo = RecordingPerformer()
        _ = try run("name = \"50% café\"\nget /api/client/<<name>>", performer: halo)
        #expect(halo.log == ["GET /api/client/50%25%20caf%C3%A9"])
    }

    @Test func numbersInterpolateAsBefore() throws {
        let halo = RecordingPerformer()
        _ = try run("t = {id: 12}\nget /api/tickets/<<t^id>>\nget /api/tickets/x<<t^id>>y", performer: halo)
        #expect(halo.log == ["GET /api/tickets/12", "GET /api/tickets/x12y"])
    }

    @Test func aValueAfterTheQueryMarkIsOneQueryComponent() throws {
        let halo = RecordingPerformer()
        _ = try run("q = \"a&count=1\"\nget /api/client?search=<<q>>", performer: halo)
        #expect(halo.log == ["GET /api/client?search=a%26count%3D1"])
    }

    @Test func aDotDotValueIsAnErrorAtTheInterpolation() {
        let error = runError("id = \"..\"\ndelete /api/tickets/<<id>>", performer: RecordingPerformer())
        #expect(located(error) == "2:23: a request path cannot have the segment '..' from an interpolated value")
    }

    @Test func aSingleDotAndAnEmptyValueAreErrors() {
        #expect(runError("delete /api/tickets/<<\".\">>", performer: RecordingPerformer())?.message
                    == "a request path cannot have the segment '.' from an interpolated value")
        #expect(runError("get /api/tickets/<<\"\">>/actions", performer: RecordingPerformer())?.message
                    == "a request path cannot have the segment '' from an interpolated value")
    }

    @Test func valuesThatMakeADotSegmentTogetherAreAnError() {
        #expect(runError("a = \".\"\nget /api/tickets/<<a>><<a>>", performer: RecordingPerformer())?.message
                    == "a request path cannot have the segment '..' from an interpolated value")
    }

    @Test func nullIsAnErrorNotTheTextNull() {
        let error = runError("t = {}\nget /api/tickets/<<t^id>>", performer: RecordingPerformer())
        #expect(located(error) == "2:20: a request path cannot interpolate null (is the value missing?)")
    }

    @Test func aQuotedPathEncodesItsValuesToo() throws {
        let halo = RecordingPerformer()
        _ = try run("id = \"a/b\"\nget \"/api/tickets/<<id>>\"", performer: halo)
        #expect(halo.log == ["GET /api/tickets/a%2Fb"])
    }

    @Test func aWholePathFromAnExpressionIsUsedAsWritten() throws {
        let halo = RecordingPerformer()
        _ = try run("p = \"/api/tickets/\" + str(7)\nget (p)\nget p + \"?count=1\"", performer: halo)
        #expect(halo.log == ["GET /api/tickets/7", "GET /api/tickets/7?count=1"])
    }

    @Test func aWholePathThatClimbsOrHasAFragmentIsAnError() {
        for path in ["/api/tickets/../client/3", "/api/tickets/%2e%2E/client/3", "/api/./tickets", "/api/tickets/1#x"] {
            let error = runError("p = \"\(path)\"\ndelete (p)", performer: RecordingPerformer())
            #expect(error?.location?.line == 2, "\(path)")
            #expect(error?.message.hasPrefix("a request path cannot") == true, "\(path): \(String(describing: error?.message))")
        }
    }
}

