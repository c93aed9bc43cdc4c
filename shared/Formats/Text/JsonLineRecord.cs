using System.Text;
using System.Text.Json;

namespace Pipeline.Formats.Text;

/// <summary>
/// Pulls an id, a text and optionally a title out of one JSON object per line, by configurable field names. Other
/// fields are skipped whatever they hold. The id may be a JSON string or an integer (kept as its decimal text); the
/// text must be a string; the title, when asked for, may be a string, null or absent (both read as empty).
/// </summary>
internal sealed class JsonLineRecord
{
    private readonly string _idName;
    private readonly string _textName;
    private readonly string? _titleName;
    private readonly byte[] _idUtf8;
    private readonly byte[] _textUtf8;
    private readonly byte[]? _titleUtf8;

    public JsonLineRecord(string idField, string textField, string? titleField)
    {
        _idName = idField;
        _textName = textField;
        _titleName = titleField;
        _idUtf8 = Encoding.UTF8.GetBytes(idField);
        _textUtf8 = Encoding.UTF8.GetBytes(textField);
        _titleUtf8 = titleField is null ? null : Encoding.UTF8.GetBytes(titleField);
    }

    /// <summary>Parses one non-blank line.</summary>
    /// <exception cref="InputFormatException">The line is not a JSON object with the required fields.</exception>
    public (string Id, string Text, string Title) Parse(ReadOnlySpan<byte> line, string path, long lineNumber)
    {
        string? id = null;
        string? text = null;
        string? title = null;
        var titleSeen = false;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InputFormatException(path, lineNumber, $"expected a JSON object, found {Describe(ref reader)}");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(_idUtf8))
                {
                    CheckFirst(id is null, _idName, path, lineNumber);
                    reader.Read();
                    id = ReadId(ref reader, path, lineNumber);
                }
                else if (reader.ValueTextEquals(_textUtf8))
                {
                    CheckFirst(text is null, _textName, path, lineNumber);
                    reader.Read();
                    text = ReadString(ref reader, _textName, allowNull: false, path, lineNumber);
                }
                else if (_titleUtf8 is not null && reader.ValueTextEquals(_titleUtf8))
                {
                    CheckFirst(!titleSeen, _titleName!, path, lineNumber);
                    titleSeen = true;
                    reader.Read();
                    title = ReadString(ref reader, _titleName!, allowNull: true, path, lineNumber);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // The object is closed; anything but whitespace after it makes Read throw.
            reader.Read();
        }
        catch (JsonException e)
        {
            var where = e.BytePositionInLine is { } position ? $" at byte {position + 1}" : "";
            throw new InputFormatException(path, lineNumber, $"invalid JSON{where}", e);
        }

        if (id is null)
        {
            throw new InputFormatException(path, lineNumber, $"missing id field '{_idName}'");
        }
        if (text is null)
        {
            throw new InputFormatException(path, lineNumber, $"missing text field '{_textName}'");
        }
        return (id, text, title ?? "");
    }

    private string ReadId(ref Utf8JsonReader reader, string path, long lineNumber)
    {
        string id;
        if (reader.TokenType == JsonTokenType.String)
        {
            id = GetString(ref reader, _idName, path, lineNumber);
        }
        else if (reader.TokenType == JsonTokenType.Number && reader.ValueSpan.IndexOfAny(".eE"u8) < 0)
        {
            // JSON integers have no leading zeros or plus sign: the literal is already the decimal text.
            id = Encoding.UTF8.GetString(reader.ValueSpan);
        }
        else
        {
            throw new InputFormatException(path, lineNumber,
                $"id field '{_idName}' must be a string or an integer, found {Describe(ref reader)}");
        }
        var problem = RecordIds.Problem(id, $"field '{_idName}'");
        if (problem is not null)
        {
            throw new InputFormatException(path, lineNumber, problem);
        }
        return id;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name, bool allowNull, string path, long lineNumber)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return GetString(ref reader, name, path, lineNumber);
        }
        if (allowNull && reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        throw new InputFormatException(path, lineNumber, $"field '{name}' must be a string, found {Describe(ref reader)}");
    }

    private static string GetString(ref Utf8JsonReader reader, string name, string path, long lineNumber)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but not a valid string.
            throw new InputFormatException(path, lineNumber, $"field '{name}' holds an invalid escaped character", e);
        }
    }

    private static void CheckFirst(bool first, string name, string path, long lineNumber)
    {
        if (!first)
        {
            throw new InputFormatException(path, lineNumber, $"field '{name}' appears twice");
        }
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };
}
