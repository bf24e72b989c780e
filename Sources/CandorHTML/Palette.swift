/// Colours from the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
public enum Palette {
  public static let blue = "#0072B2"
  public static let orange = "#E69F00"
  public static let vermillion = "#D55E00"
  public static let green = "#009E73"
  public static let sky = "#56B4E9"
  public static let purple = "#CC79A7"
  public static let yellow = "#F0E442"
  public static let ink = "#1f2328"
  public static let muted = "#59636e"
  public static let grid = "#d0d7de"
  public static let series = [blue, orange, green, purple, vermillion, sky]
}
