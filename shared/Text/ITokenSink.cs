namespace Pipeline.Text;

/// <summary>
/// Receives the tokens an <see cref="Analyzer"/> or the <see cref="Tokenization.StandardTokenizer"/> produces, one at a
/// time, as a span that is only valid during the call (copy it to keep it).
/// </summary>
public interface ITokenSink
{
    /// <summary>Takes one token; <paramref name="token"/> is never empty and at most 255 UTF-16 code units long.</summary>
    void Accept(ReadOnlySpan<char> token);
}
