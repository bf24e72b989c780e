/// An entry of a narrative section's catalogue: the generated `Sentence.<Section>` enums (from
/// `Templates/words/en/narrative/`), each knowing its section's file.
package protocol SentenceKey: RawRepresentable<String>, CaseIterable, Sendable {
  static var section: String { get }
}
