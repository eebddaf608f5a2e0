using System.Text.Json;

namespace LabelStudio.Config;

/// <summary>
/// The sample task embedded in a config as <c>&lt;!-- { "data": {...}, "annotations": [...] } --&gt;</c>, as Label Studio's
/// templates carry it. Label Studio reads only the first comment that starts with <c>{</c>.
/// </summary>
public sealed class EmbeddedSample
{
    internal EmbeddedSample(JsonElement root, int line)
    {
        Root = root;
        Line = line;
        var hasWrapper = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object;
        Data = hasWrapper ? root.GetProperty("data") : root;
        Annotations = TryGetArray(root, "annotations") ?? TryGetArray(root, "completions");
        Predictions = TryGetArray(root, "predictions");
    }

    /// <summary>The whole JSON value of the comment.</summary>
    public JsonElement Root { get; }

    /// <summary>The task data: the <c>data</c> member, or the whole object when there is no <c>data</c> wrapper (as Label Studio does).</summary>
    public JsonElement Data { get; }

    /// <summary>The <c>annotations</c> (or legacy <c>completions</c>) array, if present.</summary>
    public JsonElement? Annotations { get; }

    /// <summary>The <c>predictions</c> array, if present.</summary>
    public JsonElement? Predictions { get; }

    /// <summary>1-based line where the comment starts.</summary>
    public int Line { get; }

    private static JsonElement? TryGetArray(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;
}
