/// The what-if page.
package enum WhatIfPage {
    package static func html(_ session: WhatIfSession) -> String {
        "<!doctype html><title>wijksim</title>"
    }
}
