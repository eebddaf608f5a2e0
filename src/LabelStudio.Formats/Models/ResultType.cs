using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>
/// The <c>type</c> of a result: the lower-cased control tag name (<c>rectanglelabels</c>, <c>choices</c>, ...).
/// An extensible enumeration: any string is a valid value, the known ones are listed as static properties.
/// </summary>
[JsonConverter(typeof(ResultTypeConverter))]
public readonly struct ResultType : IEquatable<ResultType>
{
    private readonly string? _value;

    /// <summary>Creates a result type from its JSON spelling.</summary>
    /// <param name="value">The <c>type</c> string as Label Studio writes it.</param>
    public ResultType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The JSON spelling; empty for <see langword="default"/>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary><see langword="true"/> for <see langword="default"/> (no type given).</summary>
    public bool IsEmpty => string.IsNullOrEmpty(_value);

    /// <summary><c>rectanglelabels</c> (RectangleLabels).</summary>
    public static ResultType RectangleLabels { get; } = new("rectanglelabels");
    /// <summary><c>rectangle</c> (Rectangle).</summary>
    public static ResultType Rectangle { get; } = new("rectangle");
    /// <summary><c>polygonlabels</c> (PolygonLabels).</summary>
    public static ResultType PolygonLabels { get; } = new("polygonlabels");
    /// <summary><c>polygon</c> (Polygon).</summary>
    public static ResultType Polygon { get; } = new("polygon");
    /// <summary><c>ellipselabels</c> (EllipseLabels).</summary>
    public static ResultType EllipseLabels { get; } = new("ellipselabels");
    /// <summary><c>ellipse</c> (Ellipse).</summary>
    public static ResultType Ellipse { get; } = new("ellipse");
    /// <summary><c>keypointlabels</c> (KeyPointLabels).</summary>
    public static ResultType KeyPointLabels { get; } = new("keypointlabels");
    /// <summary><c>keypoint</c> (KeyPoint).</summary>
    public static ResultType KeyPoint { get; } = new("keypoint");
    /// <summary><c>brushlabels</c> (BrushLabels, MagicWand).</summary>
    public static ResultType BrushLabels { get; } = new("brushlabels");
    /// <summary><c>brush</c> (Brush).</summary>
    public static ResultType Brush { get; } = new("brush");
    /// <summary><c>labels</c> (Labels: text and audio spans, or the label half of a split region).</summary>
    public static ResultType Labels { get; } = new("labels");
    /// <summary><c>hypertextlabels</c> (HyperTextLabels).</summary>
    public static ResultType HyperTextLabels { get; } = new("hypertextlabels");
    /// <summary><c>paragraphlabels</c> (ParagraphLabels).</summary>
    public static ResultType ParagraphLabels { get; } = new("paragraphlabels");
    /// <summary><c>choices</c> (Choices).</summary>
    public static ResultType Choices { get; } = new("choices");
    /// <summary><c>taxonomy</c> (Taxonomy).</summary>
    public static ResultType Taxonomy { get; } = new("taxonomy");
    /// <summary><c>textarea</c> (TextArea).</summary>
    public static ResultType TextArea { get; } = new("textarea");
    /// <summary><c>rating</c> (Rating).</summary>
    public static ResultType Rating { get; } = new("rating");
    /// <summary><c>number</c> (Number).</summary>
    public static ResultType Number { get; } = new("number");
    /// <summary><c>datetime</c> (DateTime).</summary>
    public static ResultType DateTime { get; } = new("datetime");
    /// <summary><c>pairwise</c> (Pairwise).</summary>
    public static ResultType Pairwise { get; } = new("pairwise");
    /// <summary><c>ranker</c> (Ranker).</summary>
    public static ResultType Ranker { get; } = new("ranker");
    /// <summary><c>relation</c> (Relations): a link between two regions, with no <c>value</c>.</summary>
    public static ResultType Relation { get; } = new("relation");
    /// <summary><c>videorectangle</c> (VideoRectangle).</summary>
    public static ResultType VideoRectangle { get; } = new("videorectangle");
    /// <summary><c>timeserieslabels</c> (TimeSeriesLabels).</summary>
    public static ResultType TimeSeriesLabels { get; } = new("timeserieslabels");
    /// <summary><c>timelinelabels</c> (TimelineLabels).</summary>
    public static ResultType TimelineLabels { get; } = new("timelinelabels");
    /// <summary><c>ocrlabels</c> (OcrLabels on Pdf).</summary>
    public static ResultType OcrLabels { get; } = new("ocrlabels");
    /// <summary><c>vectorlabels</c> (VectorLabels).</summary>
    public static ResultType VectorLabels { get; } = new("vectorlabels");
    /// <summary><c>vector</c> (Vector).</summary>
    public static ResultType Vector { get; } = new("vector");
    /// <summary><c>chatmessage</c> (Chat).</summary>
    public static ResultType ChatMessage { get; } = new("chatmessage");

    /// <summary>Converts a JSON spelling to a result type.</summary>
    /// <param name="value">The <c>type</c> string.</param>
    public static implicit operator ResultType(string value) => new(value);

    /// <summary>Creates a result type from its JSON spelling.</summary>
    /// <param name="value">The <c>type</c> string.</param>
    /// <returns>The result type.</returns>
    public static ResultType FromString(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(ResultType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResultType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Compares two result types by their JSON spelling (ordinal).</summary>
    /// <param name="left">The first type.</param>
    /// <param name="right">The second type.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ResultType left, ResultType right) => left.Equals(right);

    /// <summary>Compares two result types by their JSON spelling (ordinal).</summary>
    /// <param name="left">The first type.</param>
    /// <param name="right">The second type.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(ResultType left, ResultType right) => !left.Equals(right);
}
