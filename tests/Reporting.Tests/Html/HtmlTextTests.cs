using Pipeline.Reporting.Html;

namespace Pipeline.Reporting.Tests.Html;

public class HtmlTextTests
{
    [Fact]
    public void Markup_characters_become_character_references()
    {
        Assert.Equal(
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
            HtmlText.Escape("<script>alert(\"x\" & 'y')</script>"));
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_become_replacement_characters()
    {
        Assert.Equal("a\uFFFDb\tc\uFFFDd😀", HtmlText.Escape("a\u0001b\tc\uD800d😀"));
    }
}
