using Microsoft.Extensions.Logging;

namespace Pipeline.Reranking;

/// <summary>Log messages of Pipeline.Reranking; event ids 3100..3199.</summary>
internal static partial class RerankingLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information,
        Message = "cross-encoder {Model}: inputs {Inputs}, score from {Output} ({ScoreKind}), max length {MaxLength}, device {Device}")]
    public static partial void Opened(ILogger logger, string model, string inputs, string output, string scoreKind, int maxLength, string device);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "scored {Pairs} pairs as {Inputs} inputs in {Batches} batches ({Tokens} tokens, {PaddedTokens} with padding) in {ElapsedMs} ms")]
    public static partial void Scored(ILogger logger, int pairs, int inputs, int batches, long tokens, long paddedTokens, long elapsedMs);
}
