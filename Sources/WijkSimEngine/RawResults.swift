/// Every block's trajectories and costs, written by the workers into
/// disjoint regions (block-major), then reduced per variant in draw order,
/// which makes the output independent of thread count and timing.
final class RawResults: @unchecked Sendable {
    /// Per block: [(wijken + city) × indicators × years].
    let trajectories: UnsafeMutableBufferPointer<Double>
    /// Per block: [instances × step years].
    let costs: UnsafeMutableBufferPointer<Double>
    let trajectoryStride: Int
    let costStride: Int

    init(plan: Plan) {
        trajectoryStride = (plan.wijkCount + 1) * plan.indicatorCount * plan.yearCount
        costStride = plan.instances.count * plan.stepCount
        trajectories = .allocate(capacity: plan.blockCount * trajectoryStride)
        costs = .allocate(capacity: max(plan.blockCount * costStride, 1))
        costs.initialize(repeating: 0)
    }

    deinit {
        trajectories.deallocate()
        costs.deallocate()
    }
}
