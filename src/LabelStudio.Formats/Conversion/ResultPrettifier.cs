using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// The flattening JSON_MIN and CSV apply to a control's regions (reference formats.md §5.2): the <c>type</c> key
/// goes, a single one-choice Choices or one-text TextArea result becomes that string, chat messages become their
/// message object, everything else stays a list of value objects.
/// </summary>
internal static class ResultPrettifier
{
    private static readonly JsonSerializerOptions CompactRelaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    public static JsonNode Prettify(List<JsonObject> values)
    {
        var output = new JsonArray();
        string? type = null;
        foreach (var original in values)
        {
            var value = (JsonObject)original.DeepClone();
            type = value["type"]?.GetValue<string>();
            value.Remove("type");
            if (type == "Choices" && value["choices"] is JsonArray { Count: 1 } choices)
            {
                output.Add(choices[0]?.DeepClone());
            }
            else if (type == "TextArea" && value["text"] is JsonArray { Count: 1 } texts)
            {
                output.Add(texts[0]?.DeepClone());
            }
            else if (IsChat(type) && value["chatmessage"] is JsonObject message)
            {
                output.Add((JsonNode)message.DeepClone());
            }
            else
            {
                output.Add((JsonNode)value);
            }
        }

        if ((type == "Choices" || type == "TextArea") && output.Count == 1)
        {
            var single = output[0];
            output.RemoveAt(0);
            return single ?? JsonValue.Create((string?)null)!;
        }

        return output;
    }

    public static bool IsChat(string? type) => string.Equals(type, "chatmessage", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "Chat", StringComparison.Ordinal);

    /// <summary>The <c>&lt;name&gt;_transcript</c> text of chat regions: <c>role: content</c> lines.</summary>
    public static string Transcript(List<JsonObject> values)
    {
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            if (value["chatmessage"] is not JsonObject message)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(Text(message["role"])).Append(": ").Append(Text(message["content"]));
        }

        return builder.ToString();
    }

    /// <summary>Compact JSON with non-ASCII kept, as the official converter's ujson writes cells.</summary>
    public static string ToCompactJson(JsonNode? node) => node is null ? "null" : node.ToJsonString(CompactRelaxed);

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : ToCompactJson(node);
}
