using System.Collections.ObjectModel;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

public sealed class ListSpanTests
{
    [Test]
    public void Of_ListArrayAndOtherLists_GiveTheItemsInOrder()
    {
        IList<int> list = new List<int> { 1, 2, 3 };
        IList<int> array = new[] { 4, 5 };
        IList<int> other = new Collection<int> { 6, 7, 8, 9 };
        IReadOnlyList<int> readOnly = new ReadOnlyCollection<int>([10]);

        ListSpan.Of(list).ToArray().Should().Equal(1, 2, 3);
        ListSpan.Of(array).ToArray().Should().Equal(4, 5);
        ListSpan.Of(other).ToArray().Should().Equal(6, 7, 8, 9);
        ListSpan.Of(readOnly).ToArray().Should().Equal(10);
        ListSpan.Of((IList<int>)[]).Length.Should().Be(0);
    }
}
