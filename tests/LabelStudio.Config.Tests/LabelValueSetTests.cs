using LabelStudio.Config.Parsing;

namespace LabelStudio.Config.Tests;

/// <summary>The control vocabulary set: insertion order, ordinal matching and growth to its stated capacity.</summary>
public class LabelValueSetTests
{
    [Test]
    public void Add_RepeatedValue_ReturnsFalseAndKeepsFirstSeenOrder()
    {
        var set = new LabelValueSet(5);

        set.Add("Dog").Should().BeTrue();
        set.Add("Cat").Should().BeTrue();
        set.Add("Dog").Should().BeFalse();
        set.Add("Bird").Should().BeTrue();

        set.Values.Should().Equal("Dog", "Cat", "Bird");
    }

    [Test]
    public void Contains_DifferentCaseOrSpacing_IsNotAMatch()
    {
        // Result labels are compared with the config's values exactly, as Label Studio does.
        var set = new LabelValueSet(2);
        set.Add("Cat");

        set.Contains("Cat").Should().BeTrue();
        set.Contains("cat").Should().BeFalse();
        set.Contains("Cat ").Should().BeFalse();
        set.Contains(string.Empty).Should().BeFalse();
    }

    [Test]
    public void Add_TenThousandSimilarValues_AllFoundAndDuplicatesRefused()
    {
        // Values differing only in their last digits, as in a generated vocabulary, each added twice.
        var values = Enumerable.Range(0, 10_000).Select(i => $"Label {i:D5}").ToArray();
        var set = new LabelValueSet(values.Length * 2);

        values.Select(v => set.Add(v)).Should().AllSatisfy(added => added.Should().BeTrue());
        values.Select(v => set.Add(v)).Should().AllSatisfy(added => added.Should().BeFalse());

        set.Values.Should().Equal(values);
        values.Should().AllSatisfy(v => set.Contains(v).Should().BeTrue());
        set.Contains("Label 10000").Should().BeFalse();
    }

    [Test]
    public void Add_UpToCapacity_Succeeds()
    {
        // Capacity is the number of labels, the most distinct values a control can have; filling it must not fail.
        foreach (var capacity in new[] { 1, 2, 3, 4, 5, 6, 7, 12, 13, 100 })
        {
            var set = new LabelValueSet(capacity);
            for (var i = 0; i < capacity; i++)
            {
                set.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Should().BeTrue();
            }

            set.Values.Should().HaveCount(capacity);
        }
    }

    [Test]
    public void Contains_EmptySet_IsFalse()
    {
        LabelValueSet.Empty.Contains("anything").Should().BeFalse();
        LabelValueSet.Empty.Values.Should().BeEmpty();
    }
}
