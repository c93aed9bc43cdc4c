using System.Globalization;
using System.IO.Compression;
using System.Text;
using Pipeline.Formats.Corpus;
using Pipeline.Formats.Tests.Support;

namespace Pipeline.Formats.Tests.Corpus;

[Collection(HeapMeasurements.Name)]
public sealed class CorpusStreamingTests : IDisposable
{
    private const long HeapGrowthBound = 32L << 20;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Large_gzip_corpus_is_streamed_in_bounded_memory()
    {
        // About 100 MB of JSON lines, written through gzip without holding them in memory.
        const int documents = 100_000;
        var path = _dir.File("large.jsonl.gz");
        long uncompressedBytes;
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var counting = new CountingStream(gzip))
        using (var writer = new StreamWriter(counting, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            var filler = string.Join(' ', Enumerable.Range(0, 230).Select(i => $"w{i}"));
            for (var i = 0; i < documents; i++)
            {
                writer.Write("{\"_id\": \"doc");
                writer.Write(i.ToString(CultureInfo.InvariantCulture));
                writer.Write("\", \"title\": \"Title ");
                writer.Write(i.ToString(CultureInfo.InvariantCulture));
                writer.Write("\", \"text\": \"");
                writer.Write(filler);
                writer.Write("\", \"metadata\": {\"n\": ");
                writer.Write(i.ToString(CultureInfo.InvariantCulture));
                writer.Write("}}\n");
            }
            writer.Flush();
            uncompressedBytes = counting.Written;
        }
        Assert.InRange(uncompressedBytes, 90L << 20, 130L << 20);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peakGrowth = 0L;
        var count = 0;
        var textChars = 0L;
        string? lastId = null;
        foreach (var doc in CorpusReader.Read(path))
        {
            count++;
            textChars += doc.Text.Length;
            lastId = doc.DocId;
            if (count % 5_000 == 0)
            {
                // Live objects only: whatever the reader kept alive would show up here.
                peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.Equal(documents, count);
        Assert.Equal("doc99999", lastId);
        Assert.True(textChars > 90L << 20, $"read {textChars} text characters");
        Assert.True(peakGrowth < HeapGrowthBound, $"managed heap grew by {peakGrowth} bytes while streaming");
    }

    /// <summary>Counts the bytes written through it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }
    }
}
