using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Tests;

/// <summary>The content-keyed config cache: hits by equal text, separation by options, bounds, failures and threads.</summary>
public class LabelConfigCacheTests
{
    private const string ImageConfig = """<View><Image name="image" value="$image"/><Choices name="c" toName="image"><Choice value="A"/></Choices></View>""";
    private const string TextConfig = """<View><Text name="text" value="$text"/><Choices name="c" toName="text"><Choice value="B"/></Choices></View>""";
    private const string ThirdConfig = """<View><Audio name="audio" value="$audio"/><Choices name="c" toName="audio"><Choice value="C"/></Choices></View>""";

    [Test]
    public void GetOrParse_SameTextAsAnotherString_ReturnsTheSameInstance()
    {
        var cache = new LabelConfigCache();
        var first = cache.GetOrParse(ImageConfig);

        // A different string object with equal content, as a new request body would carry.
        var copy = new string(ImageConfig.AsSpan());
        var second = cache.GetOrParse(copy);

        second.Should().BeSameAs(first);
        cache.Count.Should().Be(1);
    }

    [Test]
    public void GetOrParse_DifferentText_ParsesEach()
    {
        var cache = new LabelConfigCache();

        var image = cache.GetOrParse(ImageConfig);
        var text = cache.GetOrParse(TextConfig);

        image.GetObject().TagName.Should().Be("Image");
        text.GetObject().TagName.Should().Be("Text");
        cache.Count.Should().Be(2);
    }

    [Test]
    public void GetOrParse_OptionsThatChangeTheResult_AreSeparateEntries()
    {
        // <Unknown> is an error by default and a warning when UnknownTagSeverity is Warning.
        const string config = """<View><Image name="image" value="$image"/><Unknown/></View>""";
        var cache = new LabelConfigCache();
        var lenient = new LabelConfigOptions { UnknownTagSeverity = DiagnosticSeverity.Warning };

        cache.Invoking(c => c.GetOrParse(config)).Should().Throw<LabelConfigException>()
            .Which.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.UnknownTag && d.IsError);
        cache.GetOrParse(config, lenient).Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.UnknownTag);

        // Equal option values in another instance hit the same entry.
        cache.GetOrParse(config, new LabelConfigOptions { UnknownTagSeverity = DiagnosticSeverity.Warning })
            .Should().BeSameAs(cache.GetOrParse(config, lenient));
        cache.Count.Should().Be(2);
    }

    [Test]
    public void TryGetOrParse_InvalidConfig_CachesTheDiagnostics()
    {
        // Missing quotes around an attribute value: a syntax error at line 1.
        const string broken = "<View><Image name=image value=\"$image\"/></View>";
        var cache = new LabelConfigCache();

        cache.TryGetOrParse(broken, out var config, out var first).Should().BeFalse();
        cache.TryGetOrParse(broken, out _, out var second).Should().BeFalse();

        config.Should().BeNull();
        first.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.MalformedXml);
        second.Should().BeSameAs(first);
        cache.Count.Should().Be(1);
        cache.Invoking(c => c.GetOrParse(broken)).Should().Throw<LabelConfigException>()
            .Which.Diagnostics.Should().BeSameAs(first);
    }

    [Test]
    public void TryGetOrParse_Diagnostics_CannotBeChangedThroughACast()
    {
        const string broken = "<View>";
        var cache = new LabelConfigCache();

        cache.TryGetOrParse(broken, out _, out var diagnostics);

        diagnostics.Should().NotBeAssignableTo<List<ConfigDiagnostic>>();
    }

    [Test]
    public void GetOrParse_MoreConfigsThanMaxEntries_DropsTheLeastRecentlyUsed()
    {
        var cache = new LabelConfigCache(new LabelConfigCacheOptions { MaxEntries = 2 });
        var image = cache.GetOrParse(ImageConfig);
        var text = cache.GetOrParse(TextConfig);

        cache.GetOrParse(ImageConfig).Should().BeSameAs(image); // image is now the most recently used
        cache.GetOrParse(ThirdConfig);                            // so text goes

        cache.Count.Should().Be(2);
        cache.GetOrParse(ImageConfig).Should().BeSameAs(image);
        cache.GetOrParse(TextConfig).Should().NotBeSameAs(text);
    }

    [Test]
    public void GetOrParse_TextBeyondMaxTotalLength_DropsOldEntriesOrIsNotKept()
    {
        // Room for the image and text configs together (111 + 107 characters); the third (111) pushes out the oldest.
        var room = ImageConfig.Length + TextConfig.Length;
        var cache = new LabelConfigCache(new LabelConfigCacheOptions { MaxTotalLength = room });

        var image = cache.GetOrParse(ImageConfig);
        cache.GetOrParse(TextConfig);
        cache.Count.Should().Be(2);
        cache.GetOrParse(ThirdConfig);
        cache.Count.Should().Be(2);
        cache.GetOrParse(ImageConfig).Should().NotBeSameAs(image);

        var tiny = new LabelConfigCache(new LabelConfigCacheOptions { MaxTotalLength = ImageConfig.Length - 1 });
        var parsed = tiny.GetOrParse(ImageConfig);
        parsed.GetObject().Name.Should().Be("image");
        tiny.Count.Should().Be(0);
        tiny.GetOrParse(ImageConfig).Should().NotBeSameAs(parsed);
    }

    [Test]
    public void GetOrParse_ManyThreadsAtOnce_ParseOnceAndShareTheInstance()
    {
        var cache = new LabelConfigCache();
        var results = new LabelConfig[64];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = cache.GetOrParse(new string(ImageConfig.AsSpan())));

        results.Should().AllSatisfy(r => r.Should().BeSameAs(results[0]));
        cache.Count.Should().Be(1);
    }

    [Test]
    public void Clear_AfterUse_EmptiesTheCache()
    {
        var cache = new LabelConfigCache();
        var first = cache.GetOrParse(ImageConfig);

        cache.Clear();

        cache.Count.Should().Be(0);
        cache.GetOrParse(ImageConfig).Should().NotBeSameAs(first);
    }

    [Test]
    public void Constructor_BoundsBelowOne_Throw()
    {
        FluentActions.Invoking(() => new LabelConfigCache(new LabelConfigCacheOptions { MaxEntries = 0 })).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new LabelConfigCache(new LabelConfigCacheOptions { MaxTotalLength = 0 })).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void GetOrParse_NullText_Throws()
    {
        var cache = new LabelConfigCache();

        cache.Invoking(c => c.GetOrParse(null!)).Should().Throw<ArgumentNullException>();
        cache.Invoking(c => c.TryGetOrParse(null!, out _, out _)).Should().Throw<ArgumentNullException>();
    }
}
