/// "Did you mean …?": the known name nearest to a mistyped one, offered only when it is a
/// plausible intent.
///
/// Decided for Skua: a name is offered when it is the typed name in another case, or when the
/// edit distance (`editDistance`: a swap of neighbours is one edit; case-insensitive, leading
/// dashes ignored) is at most a third of
/// the typed name's length, and never more than 3 — and at least 1, so a one-letter slip in a
/// short name is still caught. `hnt` → `hunt` (1 edit in 3 letters) and `--frmat` → `--format`
/// are offered; `bogus` → `noise` (4 edits in 5 letters) and `-q` → `aql` are not, because a
/// suggestion that is no better than a guess sends the user the wrong way.
public enum NameSuggestion {
    /// The plausible name among `candidates` nearest to `typed`, or `nil`; ties go to the
    /// candidate listed first.
    public static func nearest(to typed: String, among candidates: [String]) -> String? {
        let key = stripped(typed).lowercased()
        if let sameButCase = candidates.first(where: { stripped($0).lowercased() == key }) { return sameButCase }
        let limit = min(3, max(1, key.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(key, stripped(candidate).lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// `; did you mean 'NAME'?` for a plausible name, else the empty string.
    public static func didYouMean(_ typed: String, among candidates: [String]) -> String {
        nearest(to: typed, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Edit distance between `a` and `b`, by characters: insertions, deletions, substitutions
    /// and transpositions of neighbours (`quite` → `quiet` is one edit), each costing 1 (the
    /// optimal string alignment distance).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { table[i][0] = i }
        for j in 0...y.count { table[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[x.count][y.count]
    }

    private static func stripped(_ name: String) -> Substring {
        name.drop { $0 == "-" }
    }
}
