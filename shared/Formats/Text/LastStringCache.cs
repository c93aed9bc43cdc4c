using System.Text;

namespace Pipeline.Formats.Text;

/// <summary>
/// Decodes UTF-8 field values to strings, handing back the previous string when the bytes repeat, so a column that
/// holds the same value on consecutive lines (the query id of a run or qrels file) costs one string per run of lines.
/// </summary>
internal sealed class LastStringCache
{
    private byte[] _bytes = new byte[64];
    private int _length = -1;
    private string _value = "";

    /// <summary>The string for <paramref name="utf8"/>; <paramref name="changed"/> tells whether it differs from the last.</summary>
    public string Get(ReadOnlySpan<byte> utf8, out bool changed)
    {
        if (_length == utf8.Length && utf8.SequenceEqual(_bytes.AsSpan(0, _length)))
        {
            changed = false;
            return _value;
        }
        if (utf8.Length > _bytes.Length)
        {
            _bytes = new byte[Math.Max(utf8.Length, _bytes.Length * 2)];
        }
        utf8.CopyTo(_bytes);
        _length = utf8.Length;
        _value = Encoding.UTF8.GetString(utf8);
        changed = true;
        return _value;
    }
}
