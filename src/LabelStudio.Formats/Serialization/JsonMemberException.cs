using System.Text.Json;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// A read error inside a member of a task, raised by <see cref="TaskConverter"/> when it is called directly (not
/// through the serializer, which would replace the path with its own): carries the member's JSON path and the
/// offset, relative to the task's first byte, just after the token that could not be read.
/// </summary>
internal sealed class JsonMemberException : JsonException
{
    public JsonMemberException(string message, string path, long offset, Exception innerException)
        : base(message, path, null, null, innerException)
    {
        Offset = offset;
    }

    public long Offset { get; }
}
