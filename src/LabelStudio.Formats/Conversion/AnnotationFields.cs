using System.Text.Json.Nodes;

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
}
