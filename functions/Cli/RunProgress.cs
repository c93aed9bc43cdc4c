using System.Diagnostics;
using System.Globalization;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;

namespace Pipeline.Functions.Cli;

/// <summary>
/// The live progress of <c>pipeline run</c> on stderr: per stage, tasks done/total and throughput. On a terminal the
/// block of stage lines is redrawn in place; otherwise (a log file, CI) one plain line per finished task of a small
/// stage, and every tenth of a large one, and a line when a stage completes.
/// </summary>
internal sealed class RunProgress
{
    private readonly TextWriter _out;
    private readonly bool _live;
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<Stage, (int Done, int? Total, double Seconds, TimeSpan First, TimeSpan Last)> _stages = [];
    private int _drawnLines;

    public RunProgress(TextWriter error, bool live)
    {
        _out = error;
        _live = live;
    }

    /// <summary>Sets the totals known at submission (and the tasks already done when resuming).</summary>
    public void Start(JobSpec spec, JobStatus status, bool resumed)
    {
        lock (_lock)
        {
            foreach (var stage in status.Stages)
            {
                _stages[stage.Stage] = (stage.Done, stage.Total, 0, TimeSpan.Zero, TimeSpan.Zero);
            }
            _out.WriteLine(resumed
                ? $"job {spec.JobId}: resuming ({status.Stages.Sum(s => s.Done)} task(s) already done)"
                : $"job {spec.JobId}: started");
            Draw(null);
        }
    }

    /// <summary>Updates totals that became known (shards after the split, blocks after prepare).</summary>
    public void Totals(IReadOnlyDictionary<Stage, int?> totals)
    {
        lock (_lock)
        {
            foreach (var (stage, total) in totals)
            {
                var current = _stages.GetValueOrDefault(stage);
                if (total != current.Total && total is not null)
                {
                    _stages[stage] = current with { Total = total };
                }
            }
        }
    }

    /// <summary>Records a committed task.</summary>
    public void Committed(StageTask task, double seconds)
    {
        lock (_lock)
        {
            var now = _clock.Elapsed;
            var current = _stages.GetValueOrDefault(task.Stage);
            var first = current.Done == 0 ? now - TimeSpan.FromSeconds(seconds) : current.First;
            _stages[task.Stage] = (current.Done + 1, current.Total, current.Seconds + seconds, first, now);
            Draw(task.Stage);
        }
    }

    private void Draw(Stage? changed)
    {
        if (_live)
        {
            if (_drawnLines > 0)
            {
                _out.Write($"\u001b[{_drawnLines}F");
            }
            var lines = 0;
            foreach (var stage in StageNames.All)
            {
                if (!_stages.TryGetValue(stage, out var s) || s.Total == 0)
                {
                    continue;
                }
                _out.Write("\u001b[2K");
                _out.WriteLine(Line(stage, s));
                lines++;
            }
            _drawnLines = lines;
            _out.Flush();
            return;
        }
        if (changed is not { } stageChanged)
        {
            return;
        }
        var state = _stages[stageChanged];
        var total = state.Total ?? 0;
        var step = Math.Max(1, total / 10);
        if (state.Done == total || total <= 10 || state.Done % step == 0)
        {
            _out.WriteLine(Line(stageChanged, state));
        }
    }

    private static string Line(Stage stage, (int Done, int? Total, double Seconds, TimeSpan First, TimeSpan Last) s)
    {
        var total = s.Total is { } t ? t.ToString(CultureInfo.InvariantCulture) : "?";
        var wall = (s.Last - s.First).TotalSeconds;
        var rate = s.Done > 1 && wall > 0 ? string.Create(CultureInfo.InvariantCulture, $", {s.Done / wall:F1} tasks/s") : "";
        var mark = s.Total is { } all && s.Done >= all ? "done" : "    ";
        return string.Create(CultureInfo.InvariantCulture,
            $"  {StageNames.Function(stage),-17} {s.Done,5}/{total,-5} {mark} {s.Seconds,8:F1} s work{rate}");
    }
}
