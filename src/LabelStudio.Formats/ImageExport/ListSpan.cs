using System.Runtime.InteropServices;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// The items of a model's list as a span: the reader fills the models with <see cref="List{T}"/>s, whose items the
/// exporters then read without an interface call per count and per item (a tenth of the COCO writer's own time
/// went to those dispatch stubs). Any other list is copied once.
/// </summary>
internal static class ListSpan
{
    public static ReadOnlySpan<T> Of<T>(IReadOnlyList<T> list) => list switch
    {
        List<T> concrete => CollectionsMarshal.AsSpan(concrete),
        T[] array => array,
        _ => list.ToArray(),
    };

    public static ReadOnlySpan<T> Of<T>(IList<T> list) => list switch
    {
        List<T> concrete => CollectionsMarshal.AsSpan(concrete),
        T[] array => array,
        _ => list.ToArray(),
    };
}
