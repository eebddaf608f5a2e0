using System.Globalization;
using LabelStudio.Formats.Yolo;

namespace LabelStudio.Formats.Tests.Conversion.Yolo;

public class WrittenLabelFilesTests
{
    [Test]
    public void TryGetValue_ManyStemsAcrossShards_LatestValueOfEachExactStem()
    {
        var written = new WrittenLabelFiles();
        const int Stems = 5000;
        for (var i = 0; i < Stems; i++)
        {
            written.Set("img_" + i.ToString(CultureInfo.InvariantCulture), i, 1);
        }

        // Every third stem is written again by a later task, as an overwrite does.
        for (var i = 0; i < Stems; i += 3)
        {
            written.Set("img_" + i.ToString(CultureInfo.InvariantCulture), Stems + i, 7);
        }

        written.Count.Should().Be(Stems);
        for (var i = 0; i < Stems; i++)
        {
            written.TryGetValue("img_" + i.ToString(CultureInfo.InvariantCulture), out var value).Should().BeTrue();
            value.Should().Be(i % 3 == 0 ? (Stems + i, 7) : (i, 1));
        }

        written.TryGetValue("img_" + Stems.ToString(CultureInfo.InvariantCulture), out var missing).Should().BeFalse();
        missing.Should().Be(default((long, int)));
    }

    [Test]
    public void TryGetValue_StemsDifferingInCaseOrEmpty_KeptApart()
    {
        var written = new WrittenLabelFiles();

        written.Set("Image", 1, 2);
        written.Set("image", 3, 4);
        written.Set(string.Empty, 5, 0);

        written.Count.Should().Be(3);
        written.TryGetValue("Image", out var upper).Should().BeTrue();
        upper.Should().Be((1L, 2));
        written.TryGetValue("image", out var lower).Should().BeTrue();
        lower.Should().Be((3L, 4));
        written.TryGetValue(string.Empty, out var empty).Should().BeTrue();
        empty.Should().Be((5L, 0));
        written.TryGetValue("IMAGE", out _).Should().BeFalse();
    }
}
