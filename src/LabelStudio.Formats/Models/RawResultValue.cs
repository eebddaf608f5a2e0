using System.Text.Json;

namespace LabelStudio.Formats.Models;

/// <summary>
/// The <c>value</c> of a result whose type this library does not model, or whose shape does not match its
/// type (validation reports those). The JSON is kept verbatim and written back unchanged.
/// </summary>
public sealed class RawResultValue : ResultValue
{
    /// <summary>Wraps a JSON value.</summary>
    /// <param name="json">The <c>value</c> as read; cloned so it outlives the document it came from.</param>
    public RawResultValue(JsonElement json)
    {
        Json = json.Clone();
    }

    /// <summary>The <c>value</c> JSON.</summary>
    public JsonElement Json { get; }
}
