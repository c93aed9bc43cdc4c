namespace Pipeline.Tokenization;

/// <summary>How a text or pair longer than the maximum length is cut (Hugging Face tokenizers' strategies, right side, no stride).</summary>
public enum TruncationStrategy
{
    /// <summary>
    /// Both sequences toward an even split: the shorter keeps its length if the longer can absorb the cut, otherwise
    /// each gets half (the extra token going to the longer); a single text is cut to fit.
    /// </summary>
    LongestFirst,

    /// <summary>Only the first sequence is cut; an error when it is not long enough to absorb the cut.</summary>
    OnlyFirst,

    /// <summary>Only the second sequence is cut; an error when there is none or it is not long enough.</summary>
    OnlySecond,
}
