namespace Pipeline.Retrieval;

/// <summary>Which fields of a corpus document are indexed; they form one field, title first.</summary>
[Flags]
public enum IndexFields
{
    /// <summary>Nothing (invalid).</summary>
    None = 0,

    /// <summary>The title.</summary>
    Title = 1,

    /// <summary>The body text.</summary>
    Text = 2,

    /// <summary>Title then text, as Anserini's BEIR "flat" indexes (<c>title + " " + text</c>). The default.</summary>
    TitleAndText = Title | Text,
}
