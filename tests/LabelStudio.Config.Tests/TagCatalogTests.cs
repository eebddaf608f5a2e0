using LabelStudio.Config.Tags;

namespace LabelStudio.Config.Tests;

public class TagCatalogTests
{
    [Test]
    public void TryGet_EveryTagOfAll_ReturnsTheSameSpecUnderItsName()
    {
        // Specs are made on first lookup; the name a spec is filed under must be the name it carries.
        foreach (var spec in TagCatalog.All)
        {
            TagCatalog.TryGet(spec.Name, out var byName).Should().BeTrue(spec.Name);
            byName.Should().BeSameAs(spec);
            TagCatalog.TryGet(spec.Name.ToUpperInvariant(), out var upper).Should().BeTrue("lookups ignore case, as in the editor");
            upper.Should().BeSameAs(spec);
        }
    }

    [Test]
    public void All_Names_AreUniqueAndIncludeTheCommonTags()
    {
        var names = TagCatalog.All.Select(s => s.Name).ToList();

        names.Should().OnlyHaveUniqueItems(n => n.ToUpperInvariant());
        names.Should().Contain(["View", "Image", "Text", "RectangleLabels", "PolygonLabels", "KeyPointLabels", "Choices", "Label", "Choice", "Relations"]);
    }

    [Test]
    public void TryGet_SameTagTwice_ReturnsOneInstance()
    {
        TagCatalog.TryGet("RectangleLabels", out var first).Should().BeTrue();
        TagCatalog.TryGet("rectanglelabels", out var second).Should().BeTrue();

        second.Should().BeSameAs(first);
        first!.ResultType.Should().Be("rectanglelabels");
    }

    [Test]
    public async Task TryGet_ManyThreadsAtOnce_AllGetOneInstance()
    {
        using var start = new ManualResetEventSlim();
        var lookups = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return TagCatalog.TryGet("Taxonomy", out var spec) ? spec : null;
        })).ToArray();
        start.Set();

        var specs = await Task.WhenAll(lookups);

        specs.Should().AllSatisfy(s => s.Should().NotBeNull().And.BeSameAs(specs[0]));
    }

    [TestCase("NoSuchTag")]
    [TestCase("")]
    [TestCase("Image ")]
    public void TryGet_UnknownTag_ReturnsFalse(string name)
    {
        TagCatalog.TryGet(name, out var spec).Should().BeFalse();
        spec.Should().BeNull();
    }

    [Test]
    public void Attributes_OfACatalogSpec_CannotBeChanged()
    {
        TagCatalog.TryGet("Image", out var spec).Should().BeTrue();

        // The specs are shared by every parse in the process, so their attribute maps must not be writable by a cast.
        spec!.Attributes.Should().NotBeOfType<Dictionary<string, AttributeSpec>>();
        ((IDictionary<string, AttributeSpec>)spec.Attributes).IsReadOnly.Should().BeTrue();
        spec.Attributes.Should().ContainKey("ZOOM", "attribute names are looked up ignoring case");
    }

    [TestCase("Label", "RectangleLabels", true)]
    [TestCase("Label", "rectanglelabels", true)]
    [TestCase("Label", "View", false)]
    [TestCase("Choice", "Taxonomy", true)]
    [TestCase("Choice", "Labels", false)]
    [TestCase("View", "Anything", true)]
    public void IsAllowedAncestor_RequiredAncestors_MatchIgnoringCase(string tag, string parent, bool expected)
    {
        TagCatalog.TryGet(tag, out var spec).Should().BeTrue();

        spec!.IsAllowedAncestor(parent).Should().Be(expected);
    }

    [Test]
    public void All_CannotBeChangedThroughACast()
    {
        // The same collection is handed to every caller in the process.
        TagCatalog.All.Should().NotBeAssignableTo<TagSpec[]>();
        TagCatalog.All.Should().NotBeAssignableTo<List<TagSpec>>();
        TagCatalog.All.Should().HaveCount(64, "the catalog's source lists 64 tags");
    }
}
