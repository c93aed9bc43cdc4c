using System.Runtime.CompilerServices;
using Pipeline.Reporting.Html;
using Pipeline.Reporting.Html.Charts;
using Pipeline.Reporting.Model;
using Xunit.Abstractions;

namespace Pipeline.Reporting.Tests.Browser;

public class HtmlReportScreenshotTests(ITestOutputHelper output)
{
    private const int WindowWidth = 1200;
    private const int WindowHeight = 1600;
    private const int PageBackground = 0xEEF1F5;
    private static readonly TimeSpan BrowserTimeout = TimeSpan.FromSeconds(120);

    /// <summary>When set, screenshots are also copied there (for looking at them); tests never read it.</summary>
    private const string KeepVariable = "PIPELINE_REPORTING_SCREENSHOTS";

    [ChromiumFact]
    public async Task Screenshot_of_the_report_is_not_blank_and_shows_green_and_red_bars()
    {
        var image = await RenderAsync(SampleReports.Full(queryCount: 60));

        var stats = PixelStats.Of(image);
        output.WriteLine(stats.ToString());
        Assert.Equal((WindowWidth, WindowHeight), (image.Width, image.Height));
        Assert.Equal(PageBackground, Rgb(image[4, 4]));
        Assert.InRange(stats.ShareUnlike(PageBackground), 0.5, 1.0);
        Assert.InRange(stats.DistinctColours, 100, int.MaxValue);
        Assert.InRange(stats.Near(Palette.Improved), 2_000, int.MaxValue);
        Assert.InRange(stats.Near(Palette.Hurt), 1_000, int.MaxValue);
    }

    [ChromiumFact]
    public async Task Screenshot_with_hundreds_of_queries_still_shows_green_and_red_bars()
    {
        var image = await RenderAsync(SampleReports.Full(queryCount: 600));

        var stats = PixelStats.Of(image);
        output.WriteLine(stats.ToString());
        Assert.Equal(PageBackground, Rgb(image[4, 4]));
        Assert.InRange(stats.Near(Palette.Improved), 2_000, int.MaxValue);
        Assert.InRange(stats.Near(Palette.Hurt), 1_000, int.MaxValue);
    }

    private async Task<PngImage> RenderAsync(EvaluationReport report, [CallerMemberName] string testName = "")
    {
        var chromium = Chromium.Locate();
        Assert.True(chromium is not null, $"CI=true and chromium was not found; {Chromium.InstallHint}");

        using var temp = new TempDirectory();
        var html = temp.File("report.html");
        await using (var writer = File.CreateText(html))
        {
            HtmlReportWriter.Write(report, writer);
        }
        var png = temp.File("screenshot.png");
        await Chromium.ScreenshotAsync(
            chromium!, html, png, temp.File("profile"), WindowWidth, WindowHeight, BrowserTimeout, CancellationToken.None);
        output.WriteLine($"screenshot of {new FileInfo(html).Length} bytes of HTML: {new FileInfo(png).Length} bytes of PNG");
        if (Environment.GetEnvironmentVariable(KeepVariable) is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(png, Path.Combine(keep, testName + ".png"), overwrite: true);
            File.Copy(html, Path.Combine(keep, testName + ".html"), overwrite: true);
        }
        return PngImage.Decode(await File.ReadAllBytesAsync(png));
    }

    private static int Rgb((byte R, byte G, byte B, byte A) pixel) => (pixel.R << 16) | (pixel.G << 8) | pixel.B;

    /// <summary>Colour counts of a screenshot.</summary>
    private sealed class PixelStats
    {
        private readonly Dictionary<int, int> _counts;
        private readonly int _total;

        private PixelStats(Dictionary<int, int> counts, int total)
        {
            _counts = counts;
            _total = total;
        }

        public int DistinctColours => _counts.Count;

        public static PixelStats Of(PngImage image)
        {
            var counts = new Dictionary<int, int>();
            foreach (var rgb in image.RgbPixels())
            {
                counts[rgb] = counts.GetValueOrDefault(rgb) + 1;
            }
            return new PixelStats(counts, image.Width * image.Height);
        }

        public double ShareUnlike(int rgb) => 1.0 - ((double)_counts.GetValueOrDefault(rgb) / _total);

        /// <summary>Pixels within 6 levels per channel of a <c>#rrggbb</c> colour.</summary>
        public int Near(string hex)
        {
            var target = Convert.ToInt32(hex[1..], 16);
            return _counts.Where(kv => Distance(kv.Key, target) <= 6).Sum(static kv => kv.Value);
        }

        public override string ToString() =>
            FormattableString.Invariant(
                $"{_total} pixels, {DistinctColours} colours, {ShareUnlike(PageBackground):P1} unlike the page background, {Near(Palette.Improved)} green, {Near(Palette.Hurt)} red");

        private static int Distance(int a, int b) =>
            Math.Max(Math.Abs((a >> 16) - (b >> 16)), Math.Max(Math.Abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)), Math.Abs((a & 0xFF) - (b & 0xFF))));
    }
}
