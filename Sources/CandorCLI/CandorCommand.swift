import ArgumentParser
import CandorPipeline

/// `candor`: weekly model-quality reports that a client without ML training can read.
public struct CandorCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "candor",
    abstract: "Honest weekly model-quality reports for clients, from evaluation files.",
    discussion: """
      Candor reads a workspace of clients/<client-id>/ folders (client.yaml, and weeks/<YYYY-Www>/evaluations/ \
      with per-example predictions or aggregated counts), computes every metric with a 95% interval, tests \
      whether this week's changes are real, and writes a report a client can read.

      Examples:
        candor add ws --client acme --task failure --set holdout predictions.csv
        candor report Samples --client acme-motors
        candor report Samples --client acme-motors --week 2026-W46 --out /tmp/reports
        candor batch Samples --jobs 2
        candor snippet Samples --client tiny-lake --format markdown
        candor email Samples --client acme-motors --send
        candor diff Samples --client acme-motors --base 2026-W46 --candidate 2026-W48 --fail-on regression

      Templates are built into candor; --templates DIR (or $CANDOR_TEMPLATES) replaces them, and a \
      workspace's templates/ or a client's clients/<id>/templates/ overrides single files.

      Shell completions: candor --generate-completion-script bash|zsh|fish.

      Exit status: 0 done, 1 an input problem or a failed report, 2 a usage error, 3 a failed diff gate.
      """,
    version: CandorVersion.description,
    subcommands: [
      ReportCommand.self, BatchCommand.self, SnippetCommand.self, EmailCommand.self,
      DiffCommand.self, AddCommand.self, CheckCommand.self,
    ]
  )

  public init() {}
}
