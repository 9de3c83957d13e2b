import Foundation
import SkuaTestSupport
import Testing

/// The shipped rule file is the seed page's query, character for character, checked without the
/// seed: its SHA-256 is pinned to the digest of the query as it stands in the seed.
///
/// `BuiltInRuleTests` compares the two texts directly, but only where `../shared/seed` exists;
/// this test always runs.
@Suite struct PublishedRuleFileTests {
    /// SHA-256 of the published query as it stands in `../shared/seed/000_bd189273c885e383.txt`:
    /// from the `S` of its only `SELECT` to the last `S` of `LAST 1 DAYS`, 2,037 bytes of UTF-8
    /// with `\n` line ends and no final newline. Computed by hand from the seed, not from the
    /// rule file:
    ///
    ///     awk '/^SELECT$/{p=1} p{print} /^LAST 1 DAYS$/{exit}' 000_bd189273c885e383.txt \
    ///       | head -c -1 | shasum -a 256
    ///
    /// (and the same digest from Python: `s.index(b'SELECT')` to the end of `b'LAST 1 DAYS'`,
    /// `hashlib.sha256`).
    static let seedQueryDigest = "0c862321935cd5bfe185ff7d2e20a59621ac4aafe4f745d30321f6a38bc15b92"

    static let ruleFile = repositoryFolder + "/rules/qradar/t1496.004-cloud-service-hijacking.aql"

    @Test("the rule file is the seed's query plus one final newline, by SHA-256")
    func ruleFileMatchesSeedDigest() throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.ruleFile))
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(!bytes.contains(UInt8(ascii: "\r")))
        #expect(bytes.count == 2_037 + 1)
        #expect(SHA256.hex(bytes.dropLast()) == Self.seedQueryDigest)
    }

    @Test("SHA-256 gives the FIPS 180-2 digests of its test messages")
    func digestIsSHA256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // 56 bytes: the length no longer fits in the first block.
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
