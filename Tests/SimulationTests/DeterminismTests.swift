import Simulation
import Testing

@Suite("Determinism")
struct DeterminismTests {
    static let ids = ["seed-sns-sms-publish", "bedrock-llmjacking-enablement", "benign-ses-transactional"]

    @Test("the same seed writes the same files, byte for byte, whatever the number of workers", arguments: SimulationOptions.Layout.allCases)
    func sameSeedSameBytes(_ layout: SimulationOptions.Layout) throws {
        let first = try simulate(Self.ids, SimulationOptions(seed: 42, hours: 6, layout: layout, workers: 1))
        let second = try simulate(Self.ids, SimulationOptions(seed: 42, hours: 6, layout: layout, workers: 2))
        let one = fileContents(under: first.summary.folder)
        let two = fileContents(under: second.summary.folder)
        #expect(!one.isEmpty)
        #expect(one.keys.sorted() == two.keys.sorted())
        #expect(one == two)
        #expect(first.summary.files == second.summary.files)
        #expect(first.summary.uncompressedBytes == second.summary.uncompressedBytes)
    }

    @Test("a different seed writes different names and contents")
    func differentSeedDifferentBytes() throws {
        let first = try simulate(Self.ids, SimulationOptions(seed: 42, hours: 6))
        let second = try simulate(Self.ids, SimulationOptions(seed: 43, hours: 6))
        let one = fileContents(under: first.summary.folder)
        let two = fileContents(under: second.summary.folder)
        #expect(Set(one.keys).isDisjoint(with: two.keys), "the 16 random characters of each name differ")
        #expect(Set(one.values).isDisjoint(with: Set(two.values)))
        // The scenarios themselves are the same size either way.
        #expect(first.summary.scenarios.map(\.records) == second.summary.scenarios.map(\.records))
    }

    @Test("writes gzip headers with modification time 0")
    func gzipTimeIsZero() throws {
        let run = try simulate(["seed-ses-send"], SimulationOptions(hours: 1))
        for (_, bytes) in fileContents(under: run.summary.folder) {
            #expect(bytes.prefix(3) == [0x1F, 0x8B, 0x08])
            #expect(bytes[4..<8] == [0, 0, 0, 0])
        }
    }
}
