using System.Globalization;

namespace LabelStudio.MlBackend.State;

/// <summary>Label Studio project ids as they reach an ML backend.</summary>
public static class ProjectId
{
    /// <summary>
    /// Extracts the project id from the <c>project</c> field Label Studio sends (<c>"12.1712345678"</c>:
    /// the id, a dot, the project's creation time), or from a plain id. Returns <see langword="false"/> when
    /// <paramref name="value"/> does not start with a positive integer id.
    /// </summary>
    public static bool TryParse(string? value, out string projectId)
    {
        projectId = string.Empty;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var span = value.AsSpan().Trim();
        var dot = span.IndexOf('.');
        var idPart = dot < 0 ? span : span[..dot];
        if (idPart.IsEmpty || idPart.Length > 18)
        {
            return false;
        }

        foreach (var c in idPart)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var id = long.Parse(idPart, NumberStyles.None, CultureInfo.InvariantCulture);
        if (id <= 0)
        {
            return false;
        }

        projectId = id.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="projectId"/> is a canonical positive integer id.</summary>
    internal static void Validate(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        if (!TryParse(projectId, out var canonical) || canonical != projectId)
        {
            throw new ArgumentException($"'{projectId}' is not a Label Studio project id (a positive integer).", nameof(projectId));
        }
    }
}
