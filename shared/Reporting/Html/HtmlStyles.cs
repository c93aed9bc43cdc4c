using Pipeline.Reporting.Html.Charts;

namespace Pipeline.Reporting.Html;

/// <summary>The page's inline style sheet. System fonts only: nothing is fetched.</summary>
internal static class HtmlStyles
{
    public static readonly string Sheet = $$"""
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #eef1f5; color: #1c2430;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
        main { max-width: 1100px; margin: 0 auto; padding: 28px 28px 40px; }
        header h1 { font-size: 26px; margin: 0 0 2px; letter-spacing: -0.01em; }
        .meta { color: #5b6573; margin: 0; }
        section { background: #fff; border: 1px solid #dde2e9; border-radius: 10px; padding: 18px 22px 20px; margin-top: 18px; }
        h2 { font-size: 18px; margin: 0 0 12px; }
        h3 { font-size: 15px; margin: 0 0 6px; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: 6px 12px; border-bottom: 1px solid #e8ebf0; text-align: right; vertical-align: top; }
        th:first-child, td:first-child { text-align: left; }
        thead th { font-weight: 600; color: #3b4656; border-bottom: 2px solid #cfd5de; }
        tbody tr:last-child th, tbody tr:last-child td { border-bottom: none; }
        table.inputs th { color: #5b6573; font-weight: 500; text-align: left; padding-left: 0; }
        table.inputs td { text-align: left; }
        .file { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 13px; color: #3b4656; word-break: break-all; }
        table.metrics { width: 100%; }
        table.metrics tbody th { font-weight: 600; word-break: break-word; }
        table.metrics thead th:first-child, table.metrics tbody th { width: 32%; }
        table.metrics td { white-space: nowrap; }
        .measure-id { display: block; font-weight: 400; font-size: 11px; color: #7a8491; }
        .value { font-size: 16px; }
        .best .value { font-weight: 700; }
        .delta, .p { display: block; font-size: 12px; }
        .p { color: #7a8491; }
        .marker { font-weight: 700; margin-left: 1px; }
        .up { color: #157a3e; }
        .down { color: #b8261c; }
        .same { color: #6b7480; }
        .badge { display: inline-block; margin-left: 6px; padding: 0 7px; border-radius: 9px; background: #e6e9ee;
          color: #4a5462; font-size: 11px; font-weight: 600; vertical-align: 2px; }
        .note { color: #5b6573; font-size: 13px; margin: 10px 0 0; }
        .counts { margin: 0 0 8px; }
        .counts span { margin-right: 14px; font-weight: 600; }
        svg.chart { display: block; width: 100%; height: auto; }
        svg.chart text { font-family: inherit; font-size: 12px; fill: #4a5462; }
        svg.chart .axis-label { font-size: 13px; fill: #2c3643; }
        svg.chart .grid { stroke: #e3e7ed; stroke-width: 1; }
        svg.chart .axis { stroke: #8a93a0; stroke-width: 1; }
        svg.chart .zero { stroke: #2c3643; stroke-width: 1.5; }
        .bar.up { fill: {{Palette.Improved}}; }
        .bar.down { fill: {{Palette.Hurt}}; }
        .bar.same { fill: {{Palette.Unchanged}}; }
        .extremes { display: flex; gap: 28px; flex-wrap: wrap; margin-top: 14px; }
        .extremes > div { flex: 1 1 300px; }
        .extremes table { width: 100%; font-size: 14px; }
        .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 8px 0 0; padding: 0 0 0 76px; }
        .legend li { display: flex; align-items: center; gap: 7px; word-break: break-word; }
        .swatch { flex: none; }
        @media print { body { background: #fff; } section { border: none; padding: 0; } }
        """;
}
