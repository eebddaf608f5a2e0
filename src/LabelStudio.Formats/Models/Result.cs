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
    public int? OriginalWidth { get; set; }

    /// <summary>Height in pixels of the image when it was annotated (<c>original_height</c>).</summary>
    public int? OriginalHeight { get; set; }

    /// <summary>Rotation of the image in the editor, in degrees (<c>image_rotation</c>).</summary>
    public double? ImageRotation { get; set; }

    /// <summary>Confidence of a predicted region (<c>score</c>), 0 to 1.</summary>
    public double? Score { get; set; }

    /// <summary>Id of the region this one belongs to (<c>parentID</c>), e.g. a keypoint's box.</summary>
    public string? ParentId { get; set; }

    /// <summary>Whether the region is locked in the editor (<c>readonly</c>).</summary>
    public bool? ReadOnly { get; set; }

    /// <summary>Whether the region is hidden in the editor (<c>hidden</c>).</summary>
    public bool? Hidden { get; set; }

    /// <summary>Who made the region (<c>origin</c>): <c>manual</c>, <c>prediction</c>, <c>prediction-changed</c>.</summary>
    public string? Origin { get; set; }

    /// <summary>Region metadata (<c>meta</c>), e.g. the region's free-text note.</summary>
    public JsonNode? Meta { get; set; }

    /// <summary>For relations: id of the source region (<c>from_id</c>).</summary>
    public string? FromId { get; set; }

    /// <summary>For relations: id of the target region (<c>to_id</c>).</summary>
    public string? ToId { get; set; }

    /// <summary>For relations: <c>left</c>, <c>right</c> or <c>bi</c> (<c>direction</c>).</summary>
    public string? Direction { get; set; }

    /// <summary>For relations: the relation labels (<c>labels</c>).</summary>
    public IList<string>? Labels { get; set; }

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
}
