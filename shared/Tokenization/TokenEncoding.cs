namespace Pipeline.Tokenization;

/// <summary>An encoded text or pair, with special tokens and without padding.</summary>
/// <param name="Ids">Token ids.</param>
/// <param name="TypeIds">Segment ids: 0 for the first text with [CLS] and its [SEP], 1 for the second with its [SEP].</param>
public sealed record TokenEncoding(int[] Ids, int[] TypeIds)
{
    /// <summary>The number of tokens.</summary>
    public int Length => Ids.Length;

    /// <summary>The attention mask: all ones (an encoding is never padded; batches pad).</summary>
    public int[] AttentionMask() => Enumerable.Repeat(1, Ids.Length).ToArray();
}
