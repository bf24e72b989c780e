import ArgumentParser
import CandorPipeline

// The pipeline's values that a flag names, read by swift-argument-parser.

extension Paper: ExpressibleByArgument {}
extension Attachment: ExpressibleByArgument {}

extension Shard: ExpressibleByArgument {
  public static var defaultCompletionKind: CompletionKind { .default }
}
