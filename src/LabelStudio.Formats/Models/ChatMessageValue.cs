using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>chatmessage</c>: a message of a <c>Chat</c> object.</summary>
public sealed class ChatMessageValue : ResultValue
{
    /// <summary>The message.</summary>
    [JsonPropertyName("chatmessage")]
    public ChatMessage? ChatMessage { get; set; }
}
