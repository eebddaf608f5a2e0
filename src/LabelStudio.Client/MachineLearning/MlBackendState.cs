using System.ComponentModel;
using System.Text.Json.Serialization;
using LabelStudio.Client.Http;

namespace LabelStudio.Client.MachineLearning;

/// <summary>The connection state of an ML backend (server codes).</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<MlBackendState>))]
public readonly struct MlBackendState : IEquatable<MlBackendState>, IExtensibleEnum<MlBackendState>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The string the server uses.</param>
    public MlBackendState(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Connected.</summary>
    public static MlBackendState Connected { get; } = new("CO");

    /// <summary>Disconnected.</summary>
    public static MlBackendState Disconnected { get; } = new("DI");

    /// <summary>Error.</summary>
    public static MlBackendState Error { get; } = new("ER");

    /// <summary>Training.</summary>
    public static MlBackendState Training { get; } = new("TR");

    /// <summary>Predicting.</summary>
    public static MlBackendState Predicting { get; } = new("PR");

    /// <summary>The wire string.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-sensitive as on the wire).</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(MlBackendState left, MlBackendState right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(MlBackendState left, MlBackendState right) => !left.Equals(right);

    /// <summary>Converts a wire string.</summary>
    /// <param name="value">The string.</param>
    public static implicit operator MlBackendState(string value) => new(value);

    static MlBackendState IExtensibleEnum<MlBackendState>.FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(MlBackendState other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is MlBackendState other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
