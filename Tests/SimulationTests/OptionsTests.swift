import Simulation
import SkuaTestSupport
import Testing

@Suite("Simulation options")
struct OptionsTests {
    struct InvalidCase: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (inout SimulationOptions) -> Void
        var message: String
        var testDescription: String { name }
    }

    static let invalid: [InvalidCase] = [
        .init(name: "negative hours", change: { $0.hours = -1 }, message: "hours must be between 0 and 8784, not -1"),
        .init(name: "scale zero", change: { $0.scale = 0 }, message: "scale must be between 1 and 1000, not 0"),
        .init(name: "negative noise", change: { $0.noise = -5 }, message: "noise must be between 0 and 100000, not -5"),
        .init(name: "five accounts", change: { $0.accounts = 5 }, message: "accounts must be between 1 and 4, not 5"),
        .init(name: "no regions", change: { $0.regions = [] }, message: "regions must name at least one region"),
        .init(name: "bad region", change: { $0.regions = ["mars-1"] }, message: "'mars-1' is not a region name (like us-east-1)"),
        .init(name: "repeated region", change: { $0.regions = ["us-east-1", "us-east-1"] }, message: "regions must not repeat"),
        .init(name: "gzip level 0", change: { $0.compressionLevel = 0 }, message: "compression level must be between 1 and 9"),
    ]

    @Test("rejects out-of-range options with a message that says what is accepted", arguments: invalid)
    func rejectsInvalidOptions(_ testCase: InvalidCase) {
        var options = SimulationOptions()
        testCase.change(&options)
        #expect(throws: SimulationError.invalidOption(testCase.message)) { try options.validate() }
    }

    @Test("defaults to 24 hours from 2026-01-05T00:00:00Z, scale 1, S3 layout")
    func defaults() throws {
        let options = SimulationOptions()
        try options.validate()
        #expect(options.start == 1_767_571_200_000)
        #expect(options.anchor == options.start)
        #expect((options.hours, options.scale, options.layout, options.accounts) == (24, 1, .s3, 2))
    }

    @Test("anchors scenarios at the first clock hour at or after the start")
    func anchorsAtNextHour() {
        var options = SimulationOptions()
        options.start = 1_767_571_200_000 + 17 * 60_000
        #expect(options.anchor == 1_767_571_200_000 + 3_600_000)
        options.start = 1_767_571_200_000 - 1
        #expect(options.anchor == 1_767_571_200_000)
    }

    @Test("names an unknown scenario and lists the known ones")
    func rejectsUnknownScenario() {
        let folder = TemporaryFolder()
        #expect(throws: SimulationError.unknownScenario("nope", known: ScenarioCatalog.standard.ids)) {
            try Simulator().write(scenarios: ["nope"], to: folder.path)
        }
    }
}
