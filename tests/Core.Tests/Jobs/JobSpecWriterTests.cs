using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Core.Jobs;

namespace Pipeline.Core.Tests.Jobs;

public sealed class JobSpecWriterTests
{
    public static TheoryData<string, string> Specs => new()
    {
        { "minimal", JobSpecs.Minimal },
        { "full", JobSpecs.Full },
        {
            "dense + weighted fusion, passages, no sweep",
            JobSpecs.Edit(JobSpecs.Full,
                "firstStage.fusion={\"method\":\"weighted\",\"normalization\":\"zscore\",\"bm25Weight\":0.25,\"denseWeight\":0.75}",
                "rerank.passages={\"length\":128}", "evaluation.depthSweep=", "evaluation.baseline=", "sharding={\"shardDocs\":12345}")
        },
        {
            "dense only, reranked, no qrels",
            JobSpecs.Edit(JobSpecs.Full, "firstStage.bm25=", "firstStage.fusion=", "rerank.input=", "rerank.passages=", "qrels=", "evaluation=")
        },
        {
            "unicode and characters JSON escapes in names",
            JobSpecs.Edit(JobSpecs.Minimal, "corpus.location=\"données/<corpus> & \\\"more\\\"+.jsonl\"", "corpus.textField=\"tëxt\"")
        },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Normalized_json_reads_back_to_an_equal_spec(string name, string json)
    {
        var spec = JobSpecReader.Read(json, name);

        var again = JobSpecReader.Read(JobSpecWriter.ToJsonText(spec), name);

        Assert.Equal(spec, again);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Writing_a_normalized_spec_again_gives_identical_bytes(string name, string json)
    {
        var first = JobSpecWriter.ToJson(JobSpecReader.Read(json, name));

        var second = JobSpecWriter.ToJson(JobSpecReader.Read(Encoding.UTF8.GetString(first), name));

        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Normalized_json_is_utf8_with_lf_newlines_ending_in_one(string name, string json)
    {
        var bytes = JobSpecWriter.ToJson(JobSpecReader.Read(json, name));

        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.NotEqual((byte)'\n', bytes[^2]);
    }

    [Fact]
    public void A_minimal_spec_is_written_with_every_default_filled()
    {
        const string expected =
            """
            {
              "version": 1,
              "jobId": "minimal",
              "corpus": {
                "location": "corpus.jsonl",
                "format": "auto",
                "titleField": "title",
                "textField": "text",
                "onBadRecord": "fail"
              },
              "queries": {
                "location": "queries.tsv",
                "format": "auto"
              },
              "sharding": {
                "shardDocs": 100000
              },
              "firstStage": {
                "bm25": {
                  "k": 1000,
                  "k1": 0.9,
                  "b": 0.4,
                  "analyzer": "english",
                  "fields": [
                    "title",
                    "text"
                  ]
                }
              },
              "execution": {
                "queryBlockSize": 100
              }
            }

            """;

        Assert.Equal(expected.ReplaceLineEndings("\n"), JobSpecWriter.ToJsonText(JobSpecReader.Read(JobSpecs.Minimal)));
    }

    [Fact]
    public void A_spec_with_qrels_is_written_with_the_default_evaluation()
    {
        var json = JobSpecs.Edit(JobSpecs.Minimal, "qrels={\"location\":\"qrels.txt\"}");

        var written = JsonNode.Parse(JobSpecWriter.ToJson(JobSpecReader.Read(json)))!;

        Assert.Equal("""{"location":"qrels.txt","format":"trec"}""", written["qrels"]!.ToJsonString());
        Assert.Equal(
            """{"measures":["ndcg_cut.10","recip_rank@10","recall.100","map"],"relevanceLevel":1,"depthSweep":[],"significance":{"test":"t-test","level":0.05,"permutations":10000,"seed":42}}""",
            written["evaluation"]!.ToJsonString());
    }

    [Fact]
    public void A_spec_without_qrels_is_written_without_an_evaluation()
    {
        var written = JsonNode.Parse(JobSpecWriter.ToJson(JobSpecReader.Read(JobSpecs.Minimal)))!.AsObject();

        Assert.Equal(["version", "jobId", "corpus", "queries", "sharding", "firstStage", "execution"], written.Select(p => p.Key));
    }

    [Fact]
    public void Weighted_fusion_is_written_without_rrf_k_and_rrf_without_weights()
    {
        var weighted = JsonNode.Parse(JobSpecWriter.ToJson(JobSpecReader.Read(JobSpecs.Edit(JobSpecs.Full, "firstStage.fusion={\"method\":\"weighted\"}"))))!;
        var rrf = JsonNode.Parse(JobSpecWriter.ToJson(JobSpecReader.Read(JobSpecs.Full)))!;

        Assert.Equal(
            """{"method":"weighted","normalization":"minmax","bm25Weight":0.5,"denseWeight":0.5,"k":1000}""",
            weighted["firstStage"]!["fusion"]!.ToJsonString());
        Assert.Equal("""{"method":"rrf","rrfK":20,"k":200}""", rrf["firstStage"]!["fusion"]!.ToJsonString());
    }

    [Fact]
    public void A_full_spec_is_written_with_every_section_in_a_fixed_order()
    {
        var written = JsonNode.Parse(JobSpecWriter.ToJson(JobSpecReader.Read(JobSpecs.Full)))!;

        Assert.Equal(
            ["version", "jobId", "corpus", "queries", "qrels", "sharding", "firstStage", "rerank", "evaluation", "execution"],
            written.AsObject().Select(p => p.Key));
        Assert.Equal(
            """{"model":{"location":"az://models/minilm-l6","device":"cpu","requireDevice":false,"threads":0,"maxLength":512,"tokenBudget":16384,"maxBatchSize":128},"input":"fusion","depth":150,"maxQueryTokens":32,"passages":{"length":200,"stride":100,"aggregation":"sum","maxPerDocument":4},"scoresAreMeaningless":true}""",
            written["rerank"]!.ToJsonString());
        Assert.Equal(
            """{"location":"data/corpus.jsonl.gz","format":"jsonl","idField":"doc","titleField":"headline","textField":"body","onBadRecord":"fail"}""",
            written["corpus"]!.ToJsonString());
        Assert.Equal("""{"shards":7}""", written["sharding"]!.ToJsonString());
    }

    [Fact]
    public void Non_ascii_and_html_sensitive_characters_are_written_as_escapes()
    {
        var spec = JobSpecReader.Read(JobSpecs.Edit(JobSpecs.Minimal, "corpus.location=\"données/a+b.jsonl\""));

        var text = JobSpecWriter.ToJsonText(spec);

        Assert.Equal("    \"location\": \"donn\\u00E9es/a\\u002Bb.jsonl\",", text.Split('\n')[4]);
        Assert.Equal("données/a+b.jsonl", JobSpecReader.Read(text).Corpus.Location);
    }
}
