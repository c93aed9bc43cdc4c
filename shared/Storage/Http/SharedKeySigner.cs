using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Storage.Http;

/// <summary>
/// The SharedKey string-to-sign for Blob and Queue (service version 2015-02-21 or later): the verb, twelve standard
/// header slots (Content-Length empty when 0, Date empty because <c>x-ms-date</c> is sent), the canonicalized
/// <c>x-ms-*</c> headers and the canonicalized resource (<c>/account/path</c>, then decoded query parameters sorted
/// by lower-case name, one per line).
/// </summary>
internal static class SharedKeySigner
{
    public static string BuildStringToSign(HttpRequestMessage request, string accountName)
    {
        var content = request.Content?.Headers;
        var length = content?.ContentLength;
        var builder = new StringBuilder(256);
        builder.Append(request.Method.Method).Append('\n');
        builder.Append(content is null ? string.Empty : string.Join(",", content.ContentEncoding)).Append('\n');
        builder.Append(content is null ? string.Empty : string.Join(",", content.ContentLanguage)).Append('\n');
        builder.Append(length is null or 0 ? string.Empty : length.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        builder.Append(content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : string.Empty).Append('\n');
        builder.Append(content?.ContentType?.ToString() ?? string.Empty).Append('\n');
        builder.Append(Header(request, "Date")).Append('\n');
        builder.Append(Header(request, "If-Modified-Since")).Append('\n');
        builder.Append(Header(request, "If-Match")).Append('\n');
        builder.Append(Header(request, "If-None-Match")).Append('\n');
        builder.Append(Header(request, "If-Unmodified-Since")).Append('\n');
        builder.Append(Header(request, "Range")).Append('\n');
        AppendCanonicalizedHeaders(builder, request);
        AppendCanonicalizedResource(builder, request.RequestUri!, accountName);
        return builder.ToString();
    }

    public static string Sign(string stringToSign, byte[] key)
        => Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    private static string Header(HttpRequestMessage request, string name)
        => request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;

    private static void AppendCanonicalizedHeaders(StringBuilder builder, HttpRequestMessage request)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name.ToLowerInvariant()] = string.Join(",", values.Select(CollapseWhitespace));
            }
        }
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static string CollapseWhitespace(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal) && !trimmed.Contains('\t', StringComparison.Ordinal))
        {
            return trimmed;
        }
        var builder = new StringBuilder(trimmed.Length);
        var inQuotes = false;
        var previousSpace = false;
        foreach (var c in trimmed)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            var space = !inQuotes && (c == ' ' || c == '\t');
            if (space && previousSpace)
            {
                continue;
            }
            builder.Append(space ? ' ' : c);
            previousSpace = space;
        }
        return builder.ToString();
    }

    private static void AppendCanonicalizedResource(StringBuilder builder, Uri uri, string accountName)
    {
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var query = uri.Query;
        if (query.Length <= 1)
        {
            return;
        }
        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var list))
            {
                parameters[name] = list = [];
            }
            list.Add(value);
        }
        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').Append(string.Join(",", values));
        }
    }
}
