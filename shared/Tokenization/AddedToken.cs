namespace Pipeline.Tokenization;

/// <summary>A token matched whole in the input before normalization (special tokens such as [CLS]).</summary>
/// <param name="Content">The literal text.</param>
/// <param name="Id">Its id.</param>
/// <param name="Normalized">Matched in the normalized text instead of the raw text.</param>
/// <param name="LeftStrip">Whitespace before it is removed.</param>
/// <param name="RightStrip">Whitespace after it is removed.</param>
public sealed record AddedToken(string Content, int Id, bool Normalized = false, bool LeftStrip = false, bool RightStrip = false);
