using System.Buffers.Text;
using System.Text.Json;

namespace LabelStudio.Client.Http;

/// <summary>The claims of a JWT that matter to the client, read without verifying the signature (the server does that).</summary>
internal sealed record JwtToken(string? TokenType, DateTimeOffset? ExpiresAt)
{
    /// <summary>Reads a compact JWT (three base64url parts, JSON payload); false for anything else, e.g. a 40-hex legacy key.</summary>
    public static bool TryRead(string value, out JwtToken token)
    {
        token = new JwtToken(null, null);
        var parts = value.Split('.');
        if (parts.Length != 3 || parts[1].Length == 0 || parts[1].Length > 16 * 1024)
        {
            return false;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(parts[1].Length)];
        if (!Base64Url.TryDecodeFromChars(parts[1], bytes, out var written))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(0, written));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            string? type = null;
            DateTimeOffset? expires = null;
            if (document.RootElement.TryGetProperty("token_type", out var t) && t.ValueKind == JsonValueKind.String)
            {
                type = t.GetString();
            }

            if (document.RootElement.TryGetProperty("exp", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var seconds)
                && seconds is > 0 and < 253402300799)
            {
                expires = DateTimeOffset.FromUnixTimeSeconds((long)seconds);
            }

            token = new JwtToken(type, expires);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
