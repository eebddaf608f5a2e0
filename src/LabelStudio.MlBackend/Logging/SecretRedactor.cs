using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LabelStudio.MlBackend.Logging;

/// <summary>
/// Removes secrets from what an ML backend might log. Label Studio sends the project owner's API token to every
/// backend in <c>/setup</c> (<c>access_token</c>), task-data credentials in <c>/predict</c> (<c>params.login</c>,
/// <c>params.password</c>, <c>context.project_credentials_*</c>) and basic-auth credentials in headers; none of them
/// may reach a log line (reference/mlbackend.md §8).
/// </summary>
internal static partial class SecretRedactor
{
    public const string Redacted = "***";

    private static readonly string[] SecretHeaders = ["Authorization", "Proxy-Authorization", "X-Api-Key", "Cookie", "Set-Cookie"];

    /// <summary>True when a JSON property of this name holds a secret, whatever its nesting.</summary>
    public static bool IsSecretProperty(string name) =>
        name.Equals("access_token", StringComparison.OrdinalIgnoreCase)
        || name.Equals("refresh", StringComparison.OrdinalIgnoreCase)
        || name.Equals("token", StringComparison.OrdinalIgnoreCase)
        || name.Equals("api_key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("login", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("project_credentials", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when an HTTP header of this name carries credentials.</summary>
    public static bool IsSecretHeader(string name) =>
        SecretHeaders.Any(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Redacts secrets in free text (exception messages): <c>key=value</c>, <c>"key": "value"</c> and auth header values.</summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = KeyValueSecret().Replace(text, m => m.Groups["prefix"].Value + Redacted);
        return AuthScheme().Replace(text, m => m.Groups["scheme"].Value + Redacted);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<prefix>\b(?:access_token|api_key|token|password|passwd|secret|login|refresh)[""']?\s*[:=]\s*[""']?)[^\s""'&,;}]+", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex KeyValueSecret();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<scheme>\b(?:Basic|Bearer|Token)\s+)[A-Za-z0-9+/=._\-]{8,}", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AuthScheme();

    /// <summary>
    /// Returns <paramref name="json"/> with the value of every secret property replaced by <see cref="Redacted"/>.
    /// Text that is not valid JSON is not echoed at all: it may hold anything.
    /// </summary>
    public static string RedactJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            var buffer = new ArrayBufferWriter<byte>(json.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(document.RootElement, writer);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (JsonException)
        {
            return $"<{json.Length} characters of non-JSON text, not logged>";
        }
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (IsSecretProperty(property.Name) && property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
                    {
                        writer.WriteStringValue(Redacted);
                    }
                    else
                    {
                        Write(property.Value, writer);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
