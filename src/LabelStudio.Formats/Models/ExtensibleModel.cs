using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>
/// Base of every Label Studio model: keeps the JSON members this library does not know, and remembers
/// which known members were present when the object was read, so a read followed by a write gives back
/// the same JSON (an explicit <c>null</c> stays <c>null</c>, an absent member stays absent).
/// </summary>
public abstract class ExtensibleModel
{
    /// <summary>
    /// Members of the JSON object that have no property on this type, kept verbatim and written back
    /// unchanged. <see langword="null"/> when there were none.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    // One bit per nullable or reference-typed property, set when the property was read from JSON.
    // A property is written when its bit is set or when it holds a value (see JsonPresence).
    internal ulong PresentMembers { get; set; }

    internal bool IsPresent(ulong mask) => (PresentMembers & mask) != 0;

    internal void MarkPresent(ulong mask) => PresentMembers |= mask;
}
