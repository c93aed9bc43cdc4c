using System.Text;
using System.Text.Json;
using Pipeline.Functions.Hosting.Serve;

namespace Pipeline.Functions.Tests.Serve;

public class BindingTextTests
{
    private const string Message = """{"v":1,"jobId":"j","stage":"prepare-job"}""";

    private static string Decode(string dataValueJson)
    {
        using var document = JsonDocument.Parse(dataValueJson);
        return BindingText.Decode(document.RootElement, "task");
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    [Fact]
    public void An_object_is_taken_as_it_is() => Assert.Equal(Message, Decode(Message));

    [Fact]
    public void A_string_holding_the_message_is_unwrapped_once() => Assert.Equal(Message, Decode(Quote(Message)));

    [Fact]
    public void A_double_encoded_string_is_unwrapped_twice() => Assert.Equal(Message, Decode(Quote(Quote(Message))));

    [Fact]
    public void Base64_of_the_message_is_decoded() =>
        Assert.Equal(Message, Decode(Quote(Convert.ToBase64String(Encoding.UTF8.GetBytes(Message)))));

    [Fact]
    public void Base64_of_a_json_string_of_the_message_is_decoded_and_unwrapped() =>
        Assert.Equal(Message, Decode(Quote(Convert.ToBase64String(Encoding.UTF8.GetBytes(Quote(Message))))));

    [Fact]
    public void Whitespace_around_the_message_is_trimmed() => Assert.Equal(Message, Decode(Quote("  \n" + Message + " ")));

    [Theory]
    [InlineData("{ message: \"Message sent\" }")]
    [InlineData("hello")]
    [InlineData("test")]
    public void Text_that_is_neither_json_nor_base64_of_json_is_handed_on_unchanged_for_the_message_parser_to_reject(string text) =>
        Assert.Equal(text, Decode(Quote(text)));

    [Fact]
    public void More_than_three_string_layers_are_refused()
    {
        var e = Assert.Throws<PayloadException>(() => Decode(Quote(Quote(Quote(Quote(Message))))));

        Assert.Equal("Data.task is wrapped in more than 3 layers of JSON strings", e.Message);
        Assert.Equal(400, e.StatusCode);
    }

    [Theory]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    [InlineData("true", "a boolean")]
    public void A_value_that_is_not_an_object_or_a_string_is_refused(string value, string described)
    {
        var e = Assert.Throws<PayloadException>(() => Decode(value));

        Assert.Equal($"Data.task must be a JSON object or a string holding one, not {described}", e.Message);
    }
}
