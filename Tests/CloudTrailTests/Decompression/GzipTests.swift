import CloudTrail
import Testing

/// Letters from a fixed linear congruential generator: text deflate cannot shrink much, so a
/// cut in the compressed bytes lands at a predictable place in the text.
func noise(_ count: Int, seed: UInt64 = 7) -> String {
    var state = seed
    var bytes = [UInt8]()
    bytes.reserveCapacity(count)
    for _ in 0..<count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes.append(UInt8(ascii: "a") + UInt8((state >> 33) % 26))
    }
    return String(decoding: bytes, as: UTF8.self)
}

@Suite struct GzipTests {
    static let modes: [IngestOptions.Decompression] = [.automatic, .zlibStreaming]

    @Test("gzip is recognized by its magic bytes, whatever the file is called", arguments: ["x.json.gz", "x.json", "x.txt", "noext", "x.gz.json"])
    func magicBytes(_ name: String) {
        let run = ingest([(name, gzip(Envelope.s3([record("A"), record("B")])))])
        #expect(run.names == ["A", "B"])
        #expect(run.report.files.first?.isGzip == true)
    }

    @Test("a plain JSON file named .gz is read as JSON")
    func plainNamedGzip() {
        let run = ingest("x.json.gz", Envelope.s3([record("A")]))
        #expect(run.names == ["A"])
        #expect(run.report.files.first?.isGzip == false)
    }

    @Test("two concatenated gzip members are one stream", arguments: modes)
    func multiMember(_ mode: IngestOptions.Decompression) {
        let first = gzip(Envelope.s3([record("A"), record("B")]) + "\n")
        let second = gzip(Envelope.s3([record("C")]))
        for options in [IngestOptions(decompression: mode), IngestOptions(chunkBytes: 64, decompression: mode)] {
            let run = ingest([("two.json.gz", first + second)], options: options)
            #expect(run.names == ["A", "B", "C"])
            #expect(run.report.issues.isEmpty)
            #expect(run.report.files.first?.bytesDecoded == Int64(Envelope.s3([record("A"), record("B")]).utf8.count + 1 + Envelope.s3([record("C")]).utf8.count))
            // Zero padding after the last member (tape and block padding) is ignored.
            let padded = ingest([("two.json.gz", first + second + [UInt8](repeating: 0, count: 100))], options: options)
            #expect(padded.names == ["A", "B", "C"])
            #expect(padded.report.issues.isEmpty)
        }
    }

    @Test("a member that holds nothing between two others changes nothing", arguments: modes)
    func emptyMember(_ mode: IngestOptions.Decompression) {
        let bytes = gzip(record("A") + "\n") + GzipEncoder.compress([]) + gzip(record("B") + "\n")
        let run = ingest([("x.gz", bytes)], options: IngestOptions(decompression: mode))
        #expect(run.names == ["A", "B"])
    }

    @Test("a truncated gzip is reported as damaged and keeps the records decoded before the cut", arguments: modes)
    func truncatedAfterWholeMember(_ mode: IngestOptions.Decompression) {
        // Member 1 is whole; member 2 is one record with 200 000 letters of noise, cut in half:
        // the record cannot be complete before the cut.
        let whole = gzip(record("A") + "\n" + record("B") + "\n")
        let big = gzip(record("Cut", extra: #""userAgent":""# + noise(200_000) + #"""#) + "\n")
        for options in [IngestOptions(decompression: mode), IngestOptions(chunkBytes: 64, decompression: mode)] {
            let run = ingest([("cut.json.gz", whole + big.prefix(big.count / 2))], options: options)
            #expect(run.names == ["A", "B"])
            #expect(run.report.tally.malformed == 1)
            #expect(run.report.filesFailed == 1)
            let damage = run.issues(.damagedFile)
            #expect(damage.count == 1)
            #expect(damage.first?.reason.contains("truncated") == true)
            #expect(damage.first?.file == run.path("cut.json.gz"))
            #expect(damage.first?.offset == run.report.files.first?.bytesDecoded)
        }
    }

    @Test("a single truncated member keeps a prefix of its records", arguments: modes)
    func truncatedSingleMember(_ mode: IngestOptions.Decompression) {
        let names = (0..<3000).map { "E\($0)" }
        let bytes = gzip(Envelope.s3(names.map { record($0, extra: #""userAgent":""# + noise(60, seed: UInt64($0.utf8.count)) + #"""#) }))
        let run = ingest([("cut.gz", Array(bytes.prefix(bytes.count / 2)))], options: IngestOptions(decompression: mode))
        let kept = run.names.compactMap { $0 }
        #expect(kept.count > 100)
        #expect(kept.count < 3000)
        #expect(kept == Array(names.prefix(kept.count)))
        #expect(run.report.tally.malformed == 1)
        #expect(run.issues(.damagedFile).count == 1)
        #expect(run.report.filesFailed == 1)
    }

    @Test("gzip cut inside its header is damaged and yields nothing")
    func truncatedHeader() {
        for cut in [2, 3, 10] {
            let run = ingest([("h.gz", Array(gzip(record("A")).prefix(cut)))])
            #expect(run.records.isEmpty)
            #expect(run.report.filesFailed == 1)
            #expect(run.issues(.damagedFile).count == 1, "cut at \(cut)")
        }
    }

    @Test("corrupt compressed data is damage; what decoded before it is kept", arguments: modes)
    func corrupt(_ mode: IngestOptions.Decompression) {
        let whole = gzip(record("A") + "\n")
        var damaged = gzip(record("B", extra: #""userAgent":""# + noise(50_000) + #"""#) + "\n")
        for index in (damaged.count / 2)..<(damaged.count / 2 + 64) { damaged[index] ^= 0xFF }
        let run = ingest([("c.gz", whole + damaged)], options: IngestOptions(decompression: mode))
        // Where zlib notices the damage depends on the bits; member 1 is intact whatever happens.
        #expect(run.names.first == "A")
        #expect(run.report.filesFailed == 1)
        #expect(run.issues(.damagedFile).count == 1)
    }

    @Test("a bad checksum is damage, found after the member's records were read", arguments: modes)
    func badChecksum(_ mode: IngestOptions.Decompression) {
        var bytes = gzip(record("A") + "\n" + record("B") + "\n")
        bytes[bytes.count - 8] ^= 0x01  // CRC-32, the trailer's first four bytes
        let run = ingest([("c.gz", bytes)], options: IngestOptions(decompression: mode))
        #expect(run.names == ["A", "B"])
        #expect(run.report.filesFailed == 1)
        #expect(run.issues(.damagedFile).first?.reason.contains("corrupt") == true)
    }

    @Test("bytes after the last member that are not gzip are damage, after every record was kept", arguments: modes)
    func trailingGarbage(_ mode: IngestOptions.Decompression) {
        let run = ingest([("t.gz", gzip(record("A") + "\n" + record("B")) + Array("trailing".utf8))],
                         options: IngestOptions(decompression: mode))
        #expect(run.names == ["A", "B"])
        #expect(run.issues(.damagedFile).count == 1)
    }

    @Test("gzip of something that is not JSON is an unreadable file")
    func gzipNotJSON() {
        let run = ingest([("notes.gz", gzip("hello, this is a text file\n"))])
        #expect(run.records.isEmpty)
        #expect(run.report.filesFailed == 1)
        let issue = run.issues(.unreadableFile).first
        #expect(issue?.reason.contains("inside the gzip stream") == true)
        #expect(issue?.reason.contains("'h'") == true)
    }

    @Test("gzip of nothing is a file without events")
    func gzipEmpty() {
        let run = ingest([("empty.gz", GzipEncoder.compress([]))])
        #expect(run.report.filesWithoutEvents == 1)
        #expect(run.report.issues.isEmpty)
    }

    @Test("bytes read count the compressed file, bytes decoded the JSON inside it")
    func byteCounts() {
        let text = Envelope.s3([record("A"), record("B")])
        let compressed = gzip(text)
        for mode in GzipTests.modes {
            let run = ingest([("x.gz", compressed)], options: IngestOptions(decompression: mode))
            #expect(run.report.bytesRead == Int64(compressed.count))
            #expect(run.report.bytesDecoded == Int64(text.utf8.count))
        }
    }

    @Test("the encoder writes a member zlib reads back, with a fixed header")
    func encoder() {
        let compressed = GzipEncoder.compress(Array("abc".utf8), modificationTime: 0x0102_0304)
        #expect(Array(compressed.prefix(4)) == [0x1F, 0x8B, 0x08, 0x00])
        #expect(Array(compressed[4..<8]) == [0x04, 0x03, 0x02, 0x01])
        #expect(compressed[9] == 3)
        // ISIZE, the trailer's last four bytes: 3, little-endian.
        #expect(Array(compressed.suffix(4)) == [3, 0, 0, 0])
        #expect(GzipEncoder.compress(Array("abc".utf8)) == GzipEncoder.compress(Array("abc".utf8)))
    }
}
