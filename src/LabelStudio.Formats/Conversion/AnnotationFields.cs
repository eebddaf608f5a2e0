using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Conversion;

/// <summary>The annotation metadata JSON_MIN and CSV write next to the outputs.</summary>
internal static class AnnotationFields
{
    /// <summary>The annotator of a <c>completed_by</c> value, not copied: the email of a user object, an id as it is.</summary>
    public static JsonNode? AnnotatorOf(JsonNode? completedBy) => completedBy switch
    {
        JsonObject user => user["email"],
        JsonValue id => id,
        _ => null,
    };

    /// <summary>
    /// The CSV annotator (utils.get_annotator): a user object's email, else Python's <c>str()</c> of
    /// <c>completed_by</c>: <c>None</c> for a null one, <c>True</c>, <c>4.0</c>; empty when there is none.
    /// </summary>
    public static string AnnotatorText(Annotation? annotation)
    {
        var completedBy = annotation?.CompletedBy;
        if (completedBy is null)
        {
            // An absent completed_by is {} to the converter (no email: None, an empty cell); null is str(None).
            return annotation is not null && annotation.IsPresent(AnnotationConverter.CompletedByBit) ? "None" : string.Empty;
        }

        return AnnotatorOf(completedBy) switch
        {
            JsonValue v => PythonStr(v),
            null => string.Empty,
            var other => other.ToJsonString(),
        };
    }

    /// <summary>
    /// The JSON_MIN annotator (get_annotator with <c>int_id=True</c>): an int id (or a boolean: an int to Python)
    /// as it is, a user object's email as it is, any other value as Python's <c>str()</c> of it.
    /// </summary>
    public static JsonNode? AnnotatorNode(Annotation? annotation)
    {
        var completedBy = annotation?.CompletedBy;
        if (completedBy is null)
        {
            return annotation is not null && annotation.IsPresent(AnnotationConverter.CompletedByBit) ? JsonValue.Create("None") : null;
        }

        if (completedBy is JsonObject user)
        {
            return user["email"]?.DeepClone();
        }

        if (completedBy is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True or JsonValueKind.False:
                    return value.DeepClone();
                case JsonValueKind.Number:
                    var text = value.ToJsonString();
                    return IsPlainInteger(System.Text.Encoding.ASCII.GetBytes(text)) ? value.DeepClone() : JsonValue.Create(PythonNumber(text));
                default:
                    return JsonValue.Create(PythonStr(value));
            }
        }

        return JsonValue.Create(completedBy.ToJsonString());
    }

    /// <summary>Whether a JSON number is an int Python prints as written: no fraction or exponent, and not <c>-0</c>.</summary>
    public static bool IsPlainInteger(ReadOnlySpan<byte> number) => IntegerLiteral.Is(number) && !number.SequenceEqual("-0"u8);

    /// <summary>A JSON number as Python prints what it parsed: integers as written (<c>-0</c> is 0), floats with repr.</summary>
    public static string PythonNumber(string json) =>
        json.AsSpan().IndexOfAny('.', 'e', 'E') >= 0 ? PythonFloat.Format(double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture))
        : json == "-0" ? "0"
        : json;

    // Python's str() of a JSON scalar as the converter's parsers give it.
    private static string PythonStr(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => PythonNumber(value.ToJsonString()),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => "None",
    };
}
