import CandorModel

enum FindingOrder {
  /// Most severe first, then in client.yaml's order of tasks and sets, so output is stable.
  static func sorted(_ findings: [Finding], config: ClientConfig) -> [Finding] {
    let taskOrder = config.tasks.map(\.id)
    let setOrder = config.validationSets.map(\.id)
    return findings.enumerated().sorted { a, b in
      let x = a.element
      let y = b.element
      if x.severity != y.severity { return x.severity > y.severity }
      let tx = taskOrder.firstIndex(of: x.task) ?? 0
      let ty = taskOrder.firstIndex(of: y.task) ?? 0
      if tx != ty { return tx < ty }
      let sx = x.set.flatMap { setOrder.firstIndex(of: $0) } ?? -1
      let sy = y.set.flatMap { setOrder.firstIndex(of: $0) } ?? -1
      if sx != sy { return sx < sy }
      return a.offset < b.offset
    }.map(\.element)
  }
}
