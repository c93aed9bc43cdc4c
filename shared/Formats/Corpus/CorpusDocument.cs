namespace Pipeline.Formats.Corpus;

/// <summary>One document of a corpus.</summary>
/// <param name="DocId">The document id: non-empty, without whitespace.</param>
/// <param name="Title">The title; empty when the corpus has none for this document.</param>
/// <param name="Text">The body text; may be empty.</param>
public sealed record CorpusDocument(string DocId, string Title, string Text);
