namespace Pipeline.Reranking.Dense;

/// <summary>How token vectors become one sentence vector.</summary>
public enum EmbeddingPooling
{
    /// <summary>The mean of the vectors of the real tokens (attention mask 1); padding is left out. Sentence-BERT's default.</summary>
    Mean,

    /// <summary>The vector of the first token (<c>[CLS]</c>).</summary>
    Cls,
}
