import Simulation

/// What `skua validate` found: for every scenario and rule, the expectation and the outcome.
public struct ValidationMatrix: Sendable {
    /// A rule that was run.
    public struct Rule: Sendable, Equatable {
        public var id: String
        public var title: String
        public var file: String
    }

    /// One rule over one scenario.
    public struct Cell: Sendable {
        public var ruleID: String
        /// What the catalog says; `nil` when it says nothing about this rule.
        public var expected: RuleExpectation?
        /// How many findings the rule reported.
        public var actualFindings: Int
        /// The findings as the catalog writes rows; `nil` when the rule's columns differ from
        /// the published query's, so only firing can be compared.
        public var actualRows: [ExpectedFinding]?
        /// Expected rows the rule did not report, and reported rows not expected.
        public var missing: [ExpectedFinding] = []
        public var unexpected: [ExpectedFinding] = []
        /// `nil` when there was nothing to check.
        public var met: Bool?

        public var fires: Bool { actualFindings > 0 }
    }

    /// One scenario.
    public struct Row: Sendable {
        public var scenarioID: String
        public var kind: String
        public var title: String
        /// The seed page's test number, when the scenario is one of its four tests.
        public var seedTest: Int?
        /// The `--scale` the scenario was simulated at (1, or a scaled run's scale).
        public var scale: Int
        public var records: Int
        public var cells: [Cell]
        /// Set when the simulated data did not read back whole: the row fails.
        public var readBackProblem: String?

        public var met: Bool { readBackProblem == nil && cells.allSatisfy { $0.met != false } }
    }

    public var rules: [Rule]
    public var rows: [Row]
    public var seed: UInt64
    public var hours: Int
    public var noise: Int
    /// Where the simulated data was kept (`--keep`), if it was.
    public var keptFolder: String?

    /// Every checked expectation held and every scenario read back whole.
    public var allMet: Bool { rows.allSatisfy(\.met) }
    /// Expectations checked, and how many held.
    public var checked: Int { rows.reduce(0) { $0 + $1.cells.filter { $0.met != nil }.count } }
    public var held: Int { rows.reduce(0) { $0 + $1.cells.filter { $0.met == true }.count } }

    /// Row order in listings: hour, service, caller, IP.
    static func order(_ a: ExpectedFinding, _ b: ExpectedFinding) -> Bool {
        (a.hour, a.serviceAbused, a.callerARN, a.sourceIP, a.region) < (b.hour, b.serviceAbused, b.callerARN, b.sourceIP, b.region)
    }
}
