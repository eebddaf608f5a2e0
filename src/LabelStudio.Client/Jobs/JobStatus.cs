using System.ComponentModel;
using System.Text.Json.Serialization;
using LabelStudio.Client.Http;

namespace LabelStudio.Client.Jobs;

/// <summary>The status of a long-running job: an export snapshot, a conversion, an import or a storage sync.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<JobStatus>))]
public readonly struct JobStatus : IEquatable<JobStatus>, IExtensibleEnum<JobStatus>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The string the server uses.</param>
    public JobStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Created, not started.</summary>
    public static JobStatus Created { get; } = new("created");

    /// <summary>Storage created, never synced.</summary>
    public static JobStatus Initialized { get; } = new("initialized");

    /// <summary>Waiting for a worker.</summary>
    public static JobStatus Queued { get; } = new("queued");

    /// <summary>Running.</summary>
    public static JobStatus InProgress { get; } = new("in_progress");

    /// <summary>Finished successfully.</summary>
    public static JobStatus Completed { get; } = new("completed");

    /// <summary>Finished, some items failed.</summary>
    public static JobStatus CompletedWithErrors { get; } = new("completed_with_errors");

    /// <summary>Failed.</summary>
    public static JobStatus Failed { get; } = new("failed");

    /// <summary>The wire string.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-sensitive as on the wire).</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(JobStatus left, JobStatus right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(JobStatus left, JobStatus right) => !left.Equals(right);

    /// <summary>Converts a wire string.</summary>
    /// <param name="value">The string.</param>
    public static implicit operator JobStatus(string value) => new(value);

    static JobStatus IExtensibleEnum<JobStatus>.FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(JobStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is JobStatus other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
