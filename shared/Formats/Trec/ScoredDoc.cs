namespace Pipeline.Formats.Trec;

/// <summary>One retrieved document of a run: its id and the score the system gave it.</summary>
/// <param name="DocId">The document id (TREC "docno").</param>
/// <param name="Score">The retrieval score; higher is better.</param>
public readonly record struct ScoredDoc(string DocId, double Score);
