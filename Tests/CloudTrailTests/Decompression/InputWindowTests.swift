@testable import CloudTrail
import Testing

/// Hands out fixed bytes in pieces of at most `step`.
final class SteppedSource: ByteSource {
    let bytes: [UInt8]
    let step: Int
    var position = 0
    var ending: ByteSourceResult = .end
    var bytesConsumed: Int64 { Int64(position) }

    init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = step
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> ByteSourceResult {
        guard position < bytes.count else { return ending }
        let count = min(capacity, step, bytes.count - position)
        for index in 0..<count { buffer[index] = bytes[position + index] }
        position += count
        return .bytes(count)
    }
}

@Suite struct InputWindowTests {
    func contents(_ window: InputWindow) -> [UInt8] { Array(UnsafeBufferPointer(start: window.storage, count: window.count)) }

    func paddingIsZero(_ window: InputWindow) -> Bool {
        (0..<JSONByte.readPadding).allSatisfy { window.storage[window.count + $0] == 0 }
    }

    @Test("keeps the whole stream while it fits, then drops only what the caller let go of")
    func slides() {
        let bytes = Array("0123456789abcdefghij".utf8)
        var window = InputWindow(source: SteppedSource(bytes, step: 100), chunk: 8, maximumCapacity: 8)
        defer { window.release() }
        guard case .progressed(0) = window.refill(keepingFrom: 0) else { Issue.record("first refill"); return }
        #expect(contents(window) == Array("01234567".utf8))
        #expect(paddingIsZero(window))
        // Full and nothing released: the value cannot grow past the maximum.
        guard case .full = window.refill(keepingFrom: 0) else { Issue.record("expected full"); return }
        guard case .progressed(5) = window.refill(keepingFrom: 5) else { Issue.record("expected a shift of 5"); return }
        #expect(window.base == 5)
        #expect(contents(window) == Array("56789abc".utf8))
        #expect(paddingIsZero(window))
        guard case .progressed(8) = window.refill(keepingFrom: 8) else { Issue.record("expected a shift of 8"); return }
        #expect(contents(window) == Array("defghij".utf8))
        guard case .progressed(0) = window.refill(keepingFrom: 7) else { Issue.record("expected the end"); return }
        #expect(window.isFinal)
        guard case .exhausted = window.refill(keepingFrom: 7) else { Issue.record("expected exhausted"); return }
        #expect(window.bytesDelivered == 20)
    }

    @Test("grows, doubling, up to the maximum when a value needs it")
    func grows() {
        let bytes = Array(repeating: UInt8(ascii: "x"), count: 100)
        var window = InputWindow(source: SteppedSource(bytes, step: 3), chunk: 4, maximumCapacity: 20)
        defer { window.release() }
        var refills = 0
        while case .progressed = window.refill(keepingFrom: 0), window.count < 20 { refills += 1 }
        #expect(window.count == 20)
        #expect(window.capacity == 20)
        #expect(paddingIsZero(window))
        guard case .full = window.refill(keepingFrom: 0) else { Issue.record("expected full"); return }
    }

    @Test("a source that fails ends the window and keeps its problem")
    func sourceFailure() {
        let source = SteppedSource(Array("abc".utf8), step: 10)
        source.ending = .failed(SourceProblem(.truncatedGzip, "cut"))
        var window = InputWindow(source: source, chunk: 8, maximumCapacity: 8)
        defer { window.release() }
        _ = window.refill(keepingFrom: 0)
        _ = window.refill(keepingFrom: 0)
        #expect(window.isFinal)
        #expect(window.problem == SourceProblem(.truncatedGzip, "cut"))
        #expect(contents(window) == Array("abc".utf8))
    }
}
