/// The version written into `scenario.json` and every output manifest, so
/// that a result can be traced to the program that made it.
package enum WijkSimVersion {
    package static let current = "0.1.0"
}
