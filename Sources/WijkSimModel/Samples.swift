/// A table of parameter values per draw (CONTRACT §2 `samples: FILE`): draw
/// d takes row (d mod rows) for the parameters it has a column for, instead
/// of their distributions. `learn` writes one as its posterior (§11).
package struct SampleTable: Equatable, Sendable {
    package var file: String
    package var rows: Int
    package var columns: [SampleColumn]

    package init(file: String, rows: Int, columns: [SampleColumn]) {
        self.file = file; self.rows = rows; self.columns = columns
    }

    /// The columns of one parameter: one without a wijk (the same value in
    /// every wijk), or one per wijk (`instance.param@wijk`).
    package func columns(instance: String, param: String) -> [SampleColumn] {
        columns.filter { $0.instance == instance && $0.param == param }
    }
}

/// One column of a sample table: `instance.param` or `instance.param@wijk`.
package struct SampleColumn: Equatable, Sendable {
    package var instance: String
    package var param: String
    package var wijk: String?
    package var values: [Double]

    package init(instance: String, param: String, wijk: String?, values: [Double]) {
        self.instance = instance; self.param = param; self.wijk = wijk; self.values = values
    }

    package var name: String { SampleColumn.name(instance: instance, param: param, wijk: wijk) }

    package static func name(instance: String, param: String, wijk: String?) -> String {
        "\(instance).\(param)" + (wijk.map { "@" + $0 } ?? "")
    }
}

/// A scenario's `samples:` key before it is read: the file and where it is named.
package struct SamplesChoice: Equatable, Sendable {
    package var file: String
    package var location: SourceLocation?
    package init(file: String, location: SourceLocation?) { self.file = file; self.location = location }
}
