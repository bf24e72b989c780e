/// The words of the one layout (`layout/`): headings and labels that the report, snippet and
/// printed page show in every language, each an entry of `words/<language>/layout.mustache`.
/// The layout prints them as `{{{labels.<key>}}}`; a test checks every key has words in
/// every language and the catalogue holds no other.
public enum LayoutLabel: String, CaseIterable, Sendable {
  case oneMinute
  case howToRead
  case howToReadIntro
  case howToReadLabels
  case whatsNew
  case owner
  case numberWeWatch
  case keepInMind
  case whyNotAccuracy
  case readingConfusion
  case onSet
  case probabilitiesAtFaceValue
  case changeReal
  case comparedWith
  case segmentBySegment
  case howItMoved
  case everyMetric
  case noFiles
  case progress
  case shortTermWins
  case expected
  case note
  case measured
  case setbacks
  case shippedUnclear
  case shippedAsExpected
  case shippedShort
  case underWay
  case andPlanned
  case planned
  case dropped
  case longTerm
  case longTermIntro
  case howSure
  case howSureIntro
  case allFindings
  case allFindingsIntro
  case whySeveralSets
  case whySeveralSetsIntro
  case setsDisagree
  case fullReport
  case page
  case pageOf
}
