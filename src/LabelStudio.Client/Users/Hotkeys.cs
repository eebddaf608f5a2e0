using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Users;

/// <summary>The current user's custom hotkeys.</summary>
public sealed class Hotkeys
{
    /// <summary>Action → key binding map.</summary>
    public JsonElement? CustomHotkeys { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
