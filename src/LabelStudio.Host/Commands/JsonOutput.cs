using System.Text;
using System.Text.Json;

namespace LabelStudio.Host.Commands;

/// <summary>Writes the one JSON document a <c>--json</c> command prints to stdout (compact, one line).</summary>
internal static class JsonOutput
{
    public static async Task WriteAsync(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(stream.ToArray())).ConfigureAwait(false);
    }

    public static void WriteNullableNumber(this Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
