extension RadixSort {
  /// Rows to sort by id hash: each key's payload (`label << 8 | prediction`) and, where the
  /// file has scores, its score, in file order.
  package struct KeyedRows {
    package var keys: [UInt64] = []
    package var payload: [UInt16] = []
    package var scores: ScoreColumn?

    package init(keys: [UInt64] = [], payload: [UInt16] = [], scores: ScoreColumn? = nil) {
      self.keys = keys
      self.payload = payload
      self.scores = scores
    }
  }
}
