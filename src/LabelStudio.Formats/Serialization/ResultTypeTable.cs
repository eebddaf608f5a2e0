using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>Known result types: their UTF-8 spelling (read without allocating) and their value class.</summary>
internal static class ResultTypeTable
{
    private static readonly Entry[] Entries =
    [
        new(ResultType.RectangleLabels, typeof(RectangleValue)),
        new(ResultType.Choices, typeof(ChoicesValue)),
        new(ResultType.PolygonLabels, typeof(PolygonValue)),
        new(ResultType.KeyPointLabels, typeof(KeyPointValue)),
        new(ResultType.Labels, typeof(LabelsValue)),
        new(ResultType.TextArea, typeof(TextAreaValue)),
        new(ResultType.Rectangle, typeof(RectangleValue)),
        new(ResultType.Polygon, typeof(PolygonValue)),
        new(ResultType.KeyPoint, typeof(KeyPointValue)),
        new(ResultType.BrushLabels, typeof(BrushValue)),
        new(ResultType.Brush, typeof(BrushValue)),
        new(ResultType.EllipseLabels, typeof(EllipseValue)),
        new(ResultType.Ellipse, typeof(EllipseValue)),
        new(ResultType.Relation, null),
        new(ResultType.Taxonomy, typeof(TaxonomyValue)),
        new(ResultType.Rating, typeof(RatingValue)),
        new(ResultType.Number, typeof(NumberValue)),
        new(ResultType.DateTime, typeof(DateTimeValue)),
        new(ResultType.Pairwise, typeof(PairwiseValue)),
        new(ResultType.Ranker, typeof(RankerValue)),
        new(ResultType.HyperTextLabels, typeof(HyperTextLabelsValue)),
        new(ResultType.ParagraphLabels, typeof(ParagraphLabelsValue)),
        new(ResultType.VideoRectangle, typeof(VideoRectangleValue)),
        new(ResultType.TimeSeriesLabels, typeof(TimeSeriesLabelsValue)),
        new(ResultType.TimelineLabels, typeof(TimelineLabelsValue)),
        new(ResultType.OcrLabels, typeof(OcrLabelsValue)),
        new(ResultType.VectorLabels, typeof(VectorValue)),
        new(ResultType.Vector, typeof(VectorValue)),
        new(ResultType.ChatMessage, typeof(ChatMessageValue)),
    ];

    /// <summary>Reads a <c>type</c> string token, reusing the known instances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ResultType Read(ref Utf8JsonReader reader)
    {
        return !reader.ValueIsEscaped && !reader.HasValueSequence && TryKnown(reader.ValueSpan, out var known)
            ? known
            : new ResultType(reader.GetString()!);
    }

    /// <summary>The type named by a string token's raw bytes, which the caller has checked are unescaped, valid UTF-8.</summary>
    public static ResultType Read(ReadOnlySpan<byte> utf8) =>
        TryKnown(utf8, out var known) ? known : new ResultType(Encoding.UTF8.GetString(utf8));

    private static bool TryKnown(ReadOnlySpan<byte> utf8, out ResultType type)
    {
        foreach (var entry in Entries)
        {
            if (utf8.SequenceEqual(entry.Utf8))
            {
                type = entry.Type;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>The value class of a result type, or <see langword="null"/> when the type has no typed value.</summary>
    public static Type? ValueType(ResultType type)
    {
        foreach (var entry in Entries)
        {
            if (entry.Type == type)
            {
                return entry.ValueClass;
            }
        }

        return null;
    }

    private sealed class Entry(ResultType type, Type? valueClass)
    {
        public ResultType Type { get; } = type;

        public Type? ValueClass { get; } = valueClass;

        public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(type.Value);
    }
}
