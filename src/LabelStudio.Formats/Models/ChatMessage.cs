using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>A chat message (<c>chatmessage</c> value).</summary>
public sealed class ChatMessage : ExtensibleModel
{
    /// <summary>Who wrote it, e.g. <c>user</c> or <c>assistant</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>The message text.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; set; }
}
