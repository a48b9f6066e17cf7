import WijkSimFiles
import WijkSimModel
import WijkSimReport

/// The lines a command prints after writing `--out`: where the files are,
/// that an earlier output was replaced, which of the user's files were kept.
enum OutputNotice {
    static func text(_ folder: OutputFolder, _ outcome: OutputFolder.Outcome, report: Bool = true, language l: TerminalLanguage = .nl) -> String {
        let shown = DisplayPath.of(folder.destination)
        var lines: [String] = []
        // "replaced the earlier output in DIR/" in both languages: scripts and the contract look for it
        if outcome.replaced { lines.append("replaced the earlier output in \(shown)/" + l.pick(" (de vorige uitvoer is vervangen)", "")) }
        if !outcome.kept.isEmpty {
            lines.append(l.pick("bewaard, niet door wijksim geschreven: ", "kept what wijksim did not write there: ") + outcome.kept.joined(separator: ", "))
        }
        let written = l.pick("Geschreven: \(shown)/", "Wrote \(shown)/")
        lines.append(report ? written + l.pick(" — het rapport: \(shown)/report.html", " — the report: \(shown)/report.html") : written)
        return "\n" + lines.joined(separator: "\n") + "\n"
    }
}
