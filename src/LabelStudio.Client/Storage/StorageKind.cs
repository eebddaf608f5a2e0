using System.ComponentModel;
using System.Text.Json.Serialization;
using LabelStudio.Client.Http;

namespace LabelStudio.Client.Storage;

/// <summary>A cloud or local storage family: the path segment of the storage endpoints. Unknown kinds round-trip.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<StorageKind>))]
public readonly struct StorageKind : IEquatable<StorageKind>, IExtensibleEnum<StorageKind>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The string the server uses.</param>
    public StorageKind(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Amazon S3 (and S3-compatible).</summary>
    public static StorageKind S3 { get; } = new("s3");

    /// <summary>Google Cloud Storage.</summary>
    public static StorageKind Gcs { get; } = new("gcs");

    /// <summary>Azure Blob Storage.</summary>
    public static StorageKind Azure { get; } = new("azure");

    /// <summary>Redis.</summary>
    public static StorageKind Redis { get; } = new("redis");

    /// <summary>Files on the Label Studio server's disk.</summary>
    public static StorageKind LocalFiles { get; } = new("localfiles");

    /// <summary>The wire string.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-sensitive as on the wire).</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(StorageKind left, StorageKind right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(StorageKind left, StorageKind right) => !left.Equals(right);

    /// <summary>Converts a wire string.</summary>
    /// <param name="value">The string.</param>
    public static implicit operator StorageKind(string value) => new(value);

    static StorageKind IExtensibleEnum<StorageKind>.FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(StorageKind other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is StorageKind other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
