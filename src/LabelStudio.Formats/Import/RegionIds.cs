using System.Security.Cryptography;

namespace LabelStudio.Formats.Import;

/// <summary>Region ids as the official importer makes them: the first 10 hex digits of a random UUID.</summary>
internal static class RegionIds
{
    public static string Next()
    {
        Span<byte> bytes = stackalloc byte[5];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
