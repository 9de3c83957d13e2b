import AQL
import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

@Suite struct ColumnNameTests {
    struct NameCase: CustomTestStringConvertible, Sendable {
        var name: String
        var query: String
        var columns: [String]
        var testDescription: String { name }
    }

    @Test("names result columns as QRadar does", arguments: [
        NameCase(name: "bare alias", query: "SELECT sourceip AS ip FROM events", columns: ["ip"]),
        NameCase(name: "double-quoted alias with a space", query: "SELECT sourceip AS \"Source IP\" FROM events", columns: ["Source IP"]),
        NameCase(name: "single-quoted alias", query: "SELECT sourceip AS 'Source IP' FROM events", columns: ["Source IP"]),
        NameCase(name: "column keeps the catalog's spelling", query: "SELECT awsregion, \"EVENTNAME\" FROM events",
                 columns: ["AWSRegion", "EventName"]),
        NameCase(name: "grouped column keeps its name", query: "SELECT \"AWSRegion\", COUNT(*) FROM events GROUP BY \"AWSRegion\"",
                 columns: ["AWSRegion", "COUNT"]),
        NameCase(name: "grouped column written in another case", query: "SELECT awsregion FROM events GROUP BY \"AWSRegion\"",
                 columns: ["AWSRegion"]),
        NameCase(name: "ungrouped column in an aggregated query is FIRST_", query: "SELECT sourceip, COUNT(*) FROM events",
                 columns: ["FIRST_sourceip", "COUNT"]),
        NameCase(name: "ungrouped column beside a group key",
                 query: "SELECT \"EventSource\", \"EventName\" FROM events GROUP BY \"EventSource\"",
                 columns: ["EventSource", "FIRST_EventName"]),
        NameCase(name: "aggregates of a column", query: "SELECT COUNT(sourceip), UNIQUECOUNT(sourceip), MIN(starttime), MAX(starttime), FIRST(\"EventName\"), LAST(\"EventName\") FROM events",
                 columns: ["COUNT_sourceip", "UNIQUECOUNT_sourceip", "MIN_starttime", "MAX_starttime", "FIRST_EventName", "LAST_EventName"]),
        NameCase(name: "aggregate written in lower case", query: "SELECT count(*), uniquecount(\"awsregion\") FROM events",
                 columns: ["COUNT", "UNIQUECOUNT_AWSRegion"]),
        NameCase(name: "other expressions by their text", query: "SELECT STRLEN( \"EventName\" ), 1 + 2, COUNT(*) * 2 FROM events",
                 columns: ["STRLEN( \"EventName\" )", "1 + 2", "COUNT(*) * 2"]),
        NameCase(name: "duplicates get _2 and _3", query: "SELECT sourceip, sourceip, sourceip FROM events",
                 columns: ["sourceip", "sourceip_2", "sourceip_3"]),
        NameCase(name: "FIRST_ twice", query: "SELECT FIRST(\"EventName\"), \"EventName\" FROM events GROUP BY sourceip",
                 columns: ["FIRST_EventName", "FIRST_EventName_2"]),
        NameCase(name: "alias clashing with a column", query: "SELECT \"EventName\" AS sourceip, sourceip FROM events",
                 columns: ["sourceip", "sourceip_2"]),
        NameCase(name: "names that differ only in case are two names", query: "SELECT username, UserName, \"EventName\" AS eventname FROM events",
                 columns: ["username", "UserName", "eventname"]),
    ])
    func names(_ example: NameCase) throws {
        let plan = try AQLAnalyzer.plan(example.query, options: try QueryFixture.options())
        #expect(plan.columns == example.columns)
    }

    @Test("expands * to every catalog property, in catalog order")
    func star() throws {
        // The catalog file read independently of PropertyCatalog.
        let data = try #require(FileManager.default.contents(atPath: repositoryFolder + "/Sources/CloudTrail/Catalog/properties.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let names = entries.compactMap { $0["name"] as? String }
        #expect(names.prefix(8) == ["EventSource", "EventName", "UserIdentityArn", "UserIdentityType", "ErrorCode", "AWSRegion", "sourceip", "starttime"])
        let plan = try AQLAnalyzer.plan("SELECT * FROM events", options: try QueryFixture.options())
        let withMore = try AQLAnalyzer.plan("SELECT sourceip AS ip, * FROM events", options: try QueryFixture.options())
        // The catalog holds username (QRadar's normalized name) and UserName (CloudTrail's): two
        // names, so neither gets a _2.
        #expect(names.contains("username") && names.contains("UserName"))
        #expect(plan.columns == names)
        #expect(withMore.columns == ["ip"] + names)
    }

    @Test("names a user property by the name it was given")
    func userProperty() throws {
        let options = try QueryFixture.options(userProperties: ["Model Name=requestParameters.modelId"])
        let plan = try AQLAnalyzer.plan("SELECT \"model name\", COUNT(\"Model Name\") FROM events GROUP BY \"MODEL NAME\"", options: options)
        #expect(plan.columns == ["Model Name", "COUNT_Model Name"])
    }
}
