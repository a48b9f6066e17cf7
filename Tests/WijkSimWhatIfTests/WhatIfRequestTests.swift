import XCTest
@testable import WijkSimWhatIf

final class WhatIfRequestTests: XCTestCase {
}
