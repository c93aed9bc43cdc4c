namespace Pipeline.Evaluation.Tests;

/// <summary>Paths of the fixtures copied next to the test assembly (data/**).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string TrecEval(string relativePath) => Path(["trec_eval", .. relativePath.Split('/')]);
}
