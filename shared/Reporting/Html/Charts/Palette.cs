namespace Pipeline.Reporting.Html.Charts;

/// <summary>Chart colours. Series colours follow the Okabe–Ito palette, which stays distinguishable for colour-blind readers.</summary>
internal static class Palette
{
    public const string Improved = "#1a9850";
    public const string Hurt = "#d73027";
    public const string Unchanged = "#9aa3ae";
    public const string Baseline = "#6b7280";

    public static IReadOnlyList<string> Series { get; } =
        ["#0072b2", "#e69f00", "#cc79a7", "#009e73", "#d55e00", "#56b4e9", "#7a5c00", "#222222"];
}
