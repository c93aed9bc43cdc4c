using Pipeline.Reporting.Markdown;

namespace Pipeline.Reporting.Tests.Markdown;

public class MarkdownTextTests
{
    [Fact]
    public void Markdown_punctuation_is_backslash_escaped_and_line_breaks_become_spaces()
    {
        Assert.Equal(
            @"\<b\>run\_1\|\*x\*\` \[a\](b) \#2",
            MarkdownText.Escape("<b>run_1|*x*`\n[a](b) #2"));
    }
}
