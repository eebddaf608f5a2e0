using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>
/// One item of an annotation's or prediction's <c>result</c>: a region, a classification, or a relation
/// between two regions. <see cref="Value"/> is typed by <see cref="Type"/>; results of an unknown type, and
/// values whose shape does not match their type, keep their JSON in a <see cref="RawResultValue"/>.
/// </summary>
/// <remarks>
/// Label Studio writes a region labelled by a separate <c>Labels</c> control as two results sharing the same
/// <see cref="Id"/> (for example a <c>rectangle</c> and a <c>labels</c> result): the "split form".
/// <see cref="ResultRegions.GroupByRegion"/> puts them back together.
/// </remarks>
[JsonConverter(typeof(ResultConverter))]
public sealed class Result : ExtensibleModel
{
    // A task holds many results (a million or more in a large export), so the object is kept small: the members
    // most results lack (relations, flags, metadata, parent ids) live in a side object made on first use, and the
    // nullable numbers are stored as plain values with one bit each saying whether they hold one (Nullable<T> pads
    // an int to 8 bytes and a double to 16). 120 bytes instead of 184.
    private const byte HasOriginalWidth = 1;
    private const byte HasOriginalHeight = 2;
    private const byte HasImageRotation = 4;
    private const byte HasScore = 8;

    private int _originalWidth;
    private int _originalHeight;
    private double _imageRotation;
    private double _score;
    private byte _has;
    private RareMembers? _rare;

    /// <summary>Region id (<c>id</c>), shared by the results that describe the same region.</summary>
    public string? Id { get; set; }

    /// <summary>Result type (<c>type</c>): the lower-cased control tag.</summary>
    public ResultType Type { get; set; }

    /// <summary>Name of the control tag that produced the result (<c>from_name</c>).</summary>
    public string? FromName { get; set; }

    /// <summary>Name of the object tag the result refers to (<c>to_name</c>).</summary>
    public string? ToName { get; set; }

    /// <summary>The payload (<c>value</c>); <see langword="null"/> for relations, which have none.</summary>
    public ResultValue? Value { get; set; }

    /// <summary>Width in pixels of the image when it was annotated (<c>original_width</c>).</summary>
    public int? OriginalWidth
    {
        get => (_has & HasOriginalWidth) != 0 ? _originalWidth : null;
        set => _originalWidth = Store(value, HasOriginalWidth);
    }

    /// <summary>Height in pixels of the image when it was annotated (<c>original_height</c>).</summary>
    public int? OriginalHeight
    {
        get => (_has & HasOriginalHeight) != 0 ? _originalHeight : null;
        set => _originalHeight = Store(value, HasOriginalHeight);
    }

    /// <summary>Rotation of the image in the editor, in degrees (<c>image_rotation</c>).</summary>
    public double? ImageRotation
    {
        get => (_has & HasImageRotation) != 0 ? _imageRotation : null;
        set => _imageRotation = Store(value, HasImageRotation);
    }

    /// <summary>Confidence of a predicted region (<c>score</c>), 0 to 1.</summary>
    public double? Score
    {
        get => (_has & HasScore) != 0 ? _score : null;
        set => _score = Store(value, HasScore);
    }

    /// <summary>Id of the region this one belongs to (<c>parentID</c>), e.g. a keypoint's box.</summary>
    public string? ParentId
    {
        get => _rare?.ParentId;
        set => RareFor(value is not null)?.ParentId = value;
    }

    /// <summary>Whether the region is locked in the editor (<c>readonly</c>).</summary>
    public bool? ReadOnly
    {
        get => _rare?.ReadOnly;
        set => RareFor(value is not null)?.ReadOnly = value;
    }

    /// <summary>Whether the region is hidden in the editor (<c>hidden</c>).</summary>
    public bool? Hidden
    {
        get => _rare?.Hidden;
        set => RareFor(value is not null)?.Hidden = value;
    }

    /// <summary>Who made the region (<c>origin</c>): <c>manual</c>, <c>prediction</c>, <c>prediction-changed</c>.</summary>
    public string? Origin { get; set; }

    /// <summary>Region metadata (<c>meta</c>), e.g. the region's free-text note.</summary>
    public JsonNode? Meta
    {
        get => _rare?.Meta;
        set => RareFor(value is not null)?.Meta = value;
    }

    /// <summary>For relations: id of the source region (<c>from_id</c>).</summary>
    public string? FromId
    {
        get => _rare?.FromId;
        set => RareFor(value is not null)?.FromId = value;
    }

    /// <summary>For relations: id of the target region (<c>to_id</c>).</summary>
    public string? ToId
    {
        get => _rare?.ToId;
        set => RareFor(value is not null)?.ToId = value;
    }

    /// <summary>For relations: <c>left</c>, <c>right</c> or <c>bi</c> (<c>direction</c>).</summary>
    public string? Direction
    {
        get => _rare?.Direction;
        set => RareFor(value is not null)?.Direction = value;
    }

    /// <summary>For relations: the relation labels (<c>labels</c>).</summary>
    public IList<string>? Labels
    {
        get => _rare?.Labels;
        set => RareFor(value is not null)?.Labels = value;
    }

    /// <summary>
    /// The labels this result assigns, whatever its type: the <c>*labels</c> list of a labelled region, the
    /// <c>labels</c> of a span or relation, or the choices of a classification. Empty when there are none.
    /// </summary>
    /// <returns>The labels, never <see langword="null"/>.</returns>
    public IReadOnlyList<string> GetLabels()
    {
        var list = Value is ILabeledValue labeled && labeled.LabelList is { } fromValue ? fromValue : Labels;
        return list switch
        {
            null => [],
            IReadOnlyList<string> readOnly => readOnly,
            _ => [.. list],
        };
    }

    // The side object to set a rare member on: made when a value is set, none needed when null is set and none exists.
    private RareMembers? RareFor(bool settingValue) => settingValue ? _rare ??= new RareMembers() : _rare;

    private T Store<T>(T? value, byte bit)
        where T : struct
    {
        if (value is { } stored)
        {
            _has |= bit;
            return stored;
        }

        _has &= (byte)~bit;
        return default;
    }

    /// <summary>The members most results lack.</summary>
    private sealed class RareMembers
    {
        public string? ParentId { get; set; }

        public bool? ReadOnly { get; set; }

        public bool? Hidden { get; set; }

        public JsonNode? Meta { get; set; }

        public string? FromId { get; set; }

        public string? ToId { get; set; }

        public string? Direction { get; set; }

        public IList<string>? Labels { get; set; }
    }
}
