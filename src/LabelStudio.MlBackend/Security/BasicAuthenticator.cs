using System.Security.Cryptography;
using System.Text;

namespace LabelStudio.MlBackend.Security;

/// <summary>
/// Checks HTTP basic-auth credentials the way Label Studio's ML API client sends them, in constant time:
/// both the user name and the password are compared as SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// so neither their content nor their length leaks through timing.
/// </summary>
internal sealed class BasicAuthenticator
{
    private const string Scheme = "Basic ";
    private readonly byte[] _userDigest;
    private readonly byte[] _passwordDigest;

    public BasicAuthenticator(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(password);
        _userDigest = Digest(user);
        _passwordDigest = Digest(password);
    }

    /// <summary>The challenge sent with a 401, as the official Python backend sends it.</summary>
    public const string Challenge = "Basic realm=\"Login required\"";

    /// <summary>True when <paramref name="authorizationHeader"/> carries exactly the configured credentials.</summary>
    public bool IsAuthorized(string? authorizationHeader)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorizationHeader[Scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var userMatches = CryptographicOperations.FixedTimeEquals(Digest(decoded[..colon]), _userDigest);
        var passwordMatches = CryptographicOperations.FixedTimeEquals(Digest(decoded[(colon + 1)..]), _passwordDigest);

        // Non-short-circuiting: both comparisons always run.
        return userMatches & passwordMatches;
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
