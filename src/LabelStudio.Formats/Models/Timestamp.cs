using System.Globalization;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>
/// A point in time as Label Studio writes it (ISO 8601, e.g. <c>2024-01-31T12:00:00.123456Z</c>). Keeps the text
/// it was read from, so writing it back gives the same string (Label Studio writes both <c>...:00Z</c> and
/// <c>...:00.000000Z</c>, which a <see cref="DateTimeOffset"/> alone cannot tell apart).
/// </summary>
[JsonConverter(typeof(TimestampConverter))]
public readonly struct Timestamp : IEquatable<Timestamp>
{
    private readonly string? _text;

    /// <summary>Creates a timestamp; it is written with microseconds when it has a fraction, UTC as <c>Z</c>.</summary>
    /// <param name="value">The point in time.</param>
    public Timestamp(DateTimeOffset value)
    {
        Value = value;
        _text = null;
    }

    internal Timestamp(DateTimeOffset value, string text)
    {
        Value = value;
        _text = text;
    }

    /// <summary>The point in time. A text without an offset is taken as UTC.</summary>
    public DateTimeOffset Value { get; }

    /// <summary>Parses an ISO 8601 timestamp, keeping its text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="result">The timestamp, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid timestamp.</returns>
    public static bool TryParse(string? text, out Timestamp result)
    {
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value)
            && text.Contains('T', StringComparison.Ordinal))
        {
            result = new Timestamp(value, text);
            return true;
        }

        result = default;
        return false;
    }

    // Whether an ISO 8601 text carries its own offset ("Z" or "+hh:mm"/"-hh:mm" after the time).
    internal static bool HasOffset(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        if (text[^1] is 'Z' or 'z')
        {
            return true;
        }

        var time = text.IndexOf('T', StringComparison.Ordinal);
        return time >= 0 && text.AsSpan(time).IndexOfAny('+', '-') >= 0;
    }

    /// <summary>Converts a point in time to a timestamp.</summary>
    /// <param name="value">The point in time.</param>
    public static implicit operator Timestamp(DateTimeOffset value) => new(value);

    /// <summary>Creates a timestamp from a point in time.</summary>
    /// <param name="value">The point in time.</param>
    /// <returns>The timestamp.</returns>
    public static Timestamp FromDateTimeOffset(DateTimeOffset value) => new(value);

    /// <summary>The text read, or Label Studio's format for a timestamp created in code.</summary>
    /// <returns>The ISO 8601 text.</returns>
    public override string ToString() => _text ?? Format(Value);

    /// <inheritdoc />
    public bool Equals(Timestamp other) => Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Timestamp other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Compares two timestamps as points in time.</summary>
    /// <param name="left">The first timestamp.</param>
    /// <param name="right">The second timestamp.</param>
    /// <returns><see langword="true"/> when they denote the same instant.</returns>
    public static bool operator ==(Timestamp left, Timestamp right) => left.Equals(right);

    /// <summary>Compares two timestamps as points in time.</summary>
    /// <param name="left">The first timestamp.</param>
    /// <param name="right">The second timestamp.</param>
    /// <returns><see langword="true"/> when they denote different instants.</returns>
    public static bool operator !=(Timestamp left, Timestamp right) => !left.Equals(right);

    private static string Format(DateTimeOffset value)
    {
        var fraction = value.Ticks % TimeSpan.TicksPerSecond;
        var format = fraction == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss"
            : fraction % 10 == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff"
            : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff";
        var text = value.DateTime.ToString(format, CultureInfo.InvariantCulture);
        return value.Offset == TimeSpan.Zero ? text + "Z" : text + value.ToString("zzz", CultureInfo.InvariantCulture);
    }
}
