import WijkSimFiles
import WijkSimModel

/// The lines a command prints after writing `--out`: where the files are,
/// that an earlier output was replaced, which of the user's files were kept.
enum OutputNotice {
    static func text(_ folder: OutputFolder, _ outcome: OutputFolder.Outcome, report: Bool = true) -> String {
        let shown = DisplayPath.of(folder.destination)
        var lines: [String] = []
        if outcome.replaced { lines.append("replaced the earlier output in \(shown)/") }
        if !outcome.kept.isEmpty {
            lines.append("kept what wijksim did not write there: \(outcome.kept.joined(separator: ", "))")
        }
        lines.append(report ? "Wrote \(shown)/ — the report: \(shown)/report.html" : "Wrote \(shown)/")
        return "\n" + lines.joined(separator: "\n") + "\n"
    }
}
