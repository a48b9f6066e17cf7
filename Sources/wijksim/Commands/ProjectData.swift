import Foundation

/// The data set of the project a plugin folder belongs to, laid out as this
/// repository is: `plugins/` beside `scenarios/data/NAME/` holding
/// `indicators.csv` and `wijken.csv`. Only an unambiguous one is used.
enum ProjectData {
    static func folder(besidePlugins plugins: String) -> String? {
        let data = URL(fileURLWithPath: plugins.isEmpty ? "." : plugins).appendingPathComponent("../scenarios/data").standardizedFileURL.path
        let sets = ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? [])
            .map { data + "/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0 + "/indicators.csv") }
        return sets.count == 1 ? sets[0] : nil
    }
}
