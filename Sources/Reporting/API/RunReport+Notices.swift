import AQL
import CloudTrail
import Detection

extension RunReport {
    /// Sentences a reader must not miss, most important first: counts inflated by repeated
    /// events (`RepeatedEvents`), a hunt window that holds none of the input, events an `aql`
    /// window left out, reference sets not loaded (one line for all of them), reference sets
    /// loaded but read by nothing, then the plans' other warnings.
    ///
    /// A hunt's `--since`/`--until` leaving events out is what the user asked for, so it is
    /// not a notice: the header's window line says how many were inside and left out.
    public var notices: [String] {
        var notices: [String] = []
        if let repeated = RepeatedEvents.notice(for: ingest) { notices.append(repeated) }
        if let empty = emptyHuntWindowNotice { notices.append(empty) }
        if command == .aql { notices += windowNotices }
        if let unloaded = unloadedReferenceSetsNotice { notices.append(unloaded) }
        notices += unusedReferenceSetNotices
        let unloadedWarnings = Set(unloadedReferenceSets.map(QueryPlan.unloadedReferenceSetWarning))
        for warning in sections.flatMap(\.warnings) where !unloadedWarnings.contains(warning) && !notices.contains(warning) {
            notices.append(warning)
        }
        return notices
    }

    /// In `hunt`: how many of the input's events the hunt window held and left out, when it
    /// left some out (`1,728 of the input's 3,152 events; the other 1,424 left out, as asked`);
    /// every rule shares the window, so the first section's counts are the hunt's.
    public var huntWindowCounts: String? {
        guard command == .hunt, let statistics = sections.first?.statistics, statistics.excludedByWindow > 0 else { return nil }
        let inside = statistics.considered - statistics.excludedByWindow
        if inside == 0 { return "none of the input's \(ValueText.grouped(statistics.considered)) events: see Notices" }
        return "\(ValueText.grouped(inside)) of the input's \(ValueText.grouped(statistics.considered)) events; "
            + "the other \(ValueText.grouped(statistics.excludedByWindow)) left out, as asked"
    }

    /// The hunt window held no event at all: almost always a mistyped `--since`/`--until`.
    var emptyHuntWindowNotice: String? {
        guard command == .hunt, let section = sections.first, section.statistics.considered > 0,
              section.statistics.excludedByWindow == section.statistics.considered else { return nil }
        var text = "the \(section.window) holds none of the input's \(ValueText.grouped(section.statistics.considered)) events"
        if let first = ingest.tally.oldestEventTime, let last = ingest.tally.newestEventTime {
            text += ", which run from \(EventTime.rfc3339(first)) to \(EventTime.rfc3339(last))"
        }
        return text + ": check --since and --until"
    }

    /// `aql`: the query's window left out events the input holds, and what to do about it.
    var windowNotices: [String] {
        var notices: [String] = []
        let newest = ingest.tally.newestEventTime.map(EventTime.rfc3339)
        for section in sections {
            let statistics = section.statistics
            guard statistics.excludedByWindow > 0 else { continue }
            var text = "the time window (\(section.window)) left out \(ValueText.grouped(statistics.excludedByWindow)) "
                + "of \(ValueText.grouped(statistics.considered)) events"
            if let newest { text += "; the newest event in the input is at \(newest)" }
            if let newest {
                if section.window.hasPrefix("START/STOP") {
                    text += ". START/STOP are fixed times (--now does not move them): change them, or run `skua hunt`, which searches the whole input."
                } else if ingest.tally.newestEventTime != now {
                    text += ". To count back from the input's newest event, pass --now \(newest), or run `skua hunt`, which searches the whole input."
                } else {
                    text += ". The window counts back from now, which is already the newest event: run `skua hunt` to search the whole input."
                }
            }
            if !notices.contains(text) { notices.append(text) }
        }
        return notices
    }

    /// Sets some query reads that were not loaded, in first-use order.
    var unloadedReferenceSets: [String] {
        var names: [String] = []
        for section in sections {
            for name in section.referenceSets where !loadedReferenceSets.contains(name) && !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// One line for every set read but not loaded, naming the rules that read them.
    var unloadedReferenceSetsNotice: String? {
        let names = unloadedReferenceSets
        guard !names.isEmpty else { return nil }
        let readers = sections.filter { section in section.referenceSets.contains(where: names.contains) }.compactMap(\.rule?.id)
        let loads = names.map { "--reference-set \($0)=FILE" }.joined(separator: " ")
        let read = readers.isEmpty ? "" : " (read by \(RunReport.list(readers)))"
        if names.count == 1 {
            return "reference set \(names[0])\(read) was not loaded: it is empty, so REFERENCESETCONTAINS finds nothing in it (load it with \(loads))"
        }
        return "reference sets \(RunReport.list(names))\(read) were not loaded: they are empty, so REFERENCESETCONTAINS finds nothing "
            + "in them (load them with \(loads))"
    }

    /// A line for each set loaded with `--reference-set` that no query reads: a typo in its
    /// name (names match exactly, case included) would otherwise silently allowlist nothing.
    var unusedReferenceSetNotices: [String] {
        var read: [String] = []
        for section in sections { for name in section.referenceSets where !read.contains(name) { read.append(name) } }
        let reader = command == .hunt ? "no rule reads it" : "the query does not read it"
        return loadedReferenceSets.filter { !read.contains($0) }.map { name in
            var text = "reference set \(name) was loaded with --reference-set, but \(reader) (names match exactly, case included)"
            if let near = NameSuggestion.nearest(to: name, among: read) {
                text += "; did you mean \(near)?"
            } else if !read.isEmpty {
                text += "; \(command == .hunt ? "the rules read" : "the query reads") \(RunReport.list(read))"
            }
            return text
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
