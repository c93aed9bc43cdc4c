using System.CommandLine;
using Pipeline.Evaluation;
using Pipeline.Formats;
using Pipeline.Formats.Trec;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline eval [-q] [-c] [-l N] [-M N] [-m measure[.params]]... QRELS RUN</c>: trec_eval 10.0's evaluation,
/// printing the same text trec_eval prints.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var qrelsArgument = new Argument<string>("qrels")
        {
            Description = "Relevance judgments, 'query-id iteration doc-id grade' per line (plain or gzip). A local path, "
                + "az://container/blob, or a blob URL.",
        };
        var runArgument = new Argument<string>("run")
        {
            Description = "The run, 'query-id Q0 doc-id rank score run-tag' per line (plain or gzip). Documents are "
                + "ranked by score, ties by doc-id descending; the rank column is ignored. A local path, "
                + "az://container/blob, or a blob URL.",
        };
        var connection = CliLocations.CreateConnectionOption();
        var perQuery = new Option<bool>("--per-query", "-q")
        {
            Description = "In addition to the summary ('all'), give the evaluation of each query.",
        };
        var measures = new Option<string[]>("--measure", "-m")
        {
            Description = "Add a measure to compute and print; repeatable. 'name' or 'name.params': P.5,10  "
                + "ndcg_cut.10,100  recall.1000  iprec_at_recall.0,0.5  utility.1,-1,0,0  relstring.20  "
                + "ndcg.1=0.5,2=2 (gains)  rbp.p=0.8. Nicknames: 'official' (default), 'all_trec' (every measure "
                + "of standard qrels), 'set' (unranked). Output follows trec_eval's measure order.",
            HelpName = "measure[.params]",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var complete = new Option<bool>("--complete", "-c")
        {
            Description = "Average over all queries of the qrels, not only those the run has; a missing query "
                + "scores 0 (as trec_eval 10.0 -c). Without -c missing queries are skipped.",
        };
        var level = new Option<int>("--level-for-rel", "-l")
        {
            Description = "Minimum grade for a document to count as relevant (default 1). Graded measures "
                + "(ndcg, ndcg_cut, ...) still use the grades as gains.",
            HelpName = "num",
            DefaultValueFactory = _ => 1,
        };
        var maxDocs = new Option<long?>("--max-per-query", "-M")
        {
            Description = "Evaluate only the top num documents of each query (e.g. -M 10 -m recip_rank for MRR@10).",
            HelpName = "num",
        };
        var noSummary = new Option<bool>("--no-summary", "-n")
        {
            Description = "Do not print the summary ('all') lines.",
        };
        var judgedOnly = new Option<bool>("--judged-only", "-J")
        {
            Description = "Remove unjudged documents from each ranking before computing anything (rarely wanted).",
        };
        var docsInCollection = new Option<long>("--docs-in-collection", "-N")
        {
            Description = "Number of documents in the collection (only the 4th utility coefficient uses it).",
            HelpName = "num",
        };

        var command = new Command("eval",
            "Evaluate a TREC run against qrels exactly as trec_eval 10.0 does (same measures, same text: "
            + "'name<TAB>query<TAB>value', summary under 'all'). Queries of the run absent from the qrels are ignored.")
        {
            qrelsArgument,
            runArgument,
            perQuery,
            measures,
            complete,
            level,
            maxDocs,
            noSummary,
            judgedOnly,
            docsInCollection,
            connection,
        };

        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var requested = parseResult.GetValue(measures);
            var options = new EvaluationOptions
            {
                Measures = requested is { Length: > 0 } ? requested : EvaluationOptions.OfficialMeasures,
                PerQuery = parseResult.GetValue(perQuery),
                CompleteQueries = parseResult.GetValue(complete),
                RelevanceLevel = parseResult.GetValue(level),
                MaxDocsPerQuery = parseResult.GetValue(maxDocs),
                PrintSummary = !parseResult.GetValue(noSummary),
                JudgedDocsOnly = parseResult.GetValue(judgedOnly),
                NumDocsInCollection = parseResult.GetValue(docsInCollection),
            };
            return Run(parseResult.GetValue(qrelsArgument)!, parseResult.GetValue(runArgument)!, parseResult.GetValue(connection),
                options, output, error);
        });
        return command;
    }

    private static int Run(string qrelsText, string runText, string? connection, EvaluationOptions options, TextWriter output,
        TextWriter error)
    {
        // Blob inputs are downloaded to temporary files first (removed afterwards); local paths are read in place.
        using var locations = new CliLocations(connection);
        return CliLocations.Guard(error, () =>
        {
            if (locations.Materialize(qrelsText, "qrels", error) is not { } qrelsPath
                || locations.Materialize(runText, "run", error) is not { } runPath)
            {
                return CliApp.BadInput;
            }
            return Evaluate(qrelsPath, runPath, options, output, error, locations);
        });
    }

    private static int Evaluate(string qrelsPath, string runPath, EvaluationOptions options, TextWriter output, TextWriter error,
        CliLocations locations)
    {
        try
        {
            var qrels = QrelsReader.Read(qrelsPath);
            var run = TrecRunReader.Read(runPath);
            var result = TrecEvaluator.Evaluate(qrels, run, options);
            TrecEvalTextWriter.Write(result, output);
            output.Flush();
            return CliApp.Ok;
        }
        catch (InputFormatException e)
        {
            // Errors in a downloaded copy name the blob location the user gave, not the temporary file.
            error.WriteLine($"error: {locations.Describe(e)}");
            return CliApp.BadInput;
        }
        catch (EvaluationException e)
        {
            error.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {locations.Describe(e.Message)}");
            return CliApp.Failed;
        }
    }
}
