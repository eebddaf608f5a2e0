using System.Text.Json;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Malformed or unexpected JSON in a Label Studio file or body, with where it is: the zero-based index of the
/// task (array element) being read, the byte offset from the start of the stream, the 1-based line and column,
/// and the JSON path inside the task when known.
/// </summary>
public sealed class LabelStudioJsonException : JsonException
{
    /// <summary>Creates an exception with no position.</summary>
    public LabelStudioJsonException()
    {
    }

    /// <summary>Creates an exception with a message and no position.</summary>
    /// <param name="message">What was wrong.</param>
    public LabelStudioJsonException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message, no position and the error behind it.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The error behind it.</param>
    public LabelStudioJsonException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a positioned exception.</summary>
    /// <param name="message">What was wrong and what was expected, without the position (added here).</param>
    /// <param name="taskIndex">Zero-based index of the task being read, if any.</param>
    /// <param name="byteOffset">Byte offset from the start of the stream.</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column, in bytes.</param>
    /// <param name="jsonPath">JSON path inside the task, if known.</param>
    /// <param name="innerException">The error behind it.</param>
    public LabelStudioJsonException(string message, long? taskIndex, long byteOffset, long line, long column, string? jsonPath, Exception? innerException)
        : base(Describe(message, taskIndex, byteOffset, line, column, jsonPath), jsonPath, line - 1, column - 1, innerException)
    {
        TaskIndex = taskIndex;
        ByteOffset = byteOffset;
        Line = line;
        Column = column;
        Reason = message;
    }

    /// <summary>Zero-based index of the task (array element) being read; <see langword="null"/> outside any task.</summary>
    public long? TaskIndex { get; }

    /// <summary>Byte offset of the problem from the start of the stream.</summary>
    public long ByteOffset { get; }

    /// <summary>1-based line of the problem.</summary>
    public long Line { get; }

    /// <summary>1-based column of the problem, counted in bytes.</summary>
    public long Column { get; }

    /// <summary>What was wrong and what was expected, without the position.</summary>
    public string? Reason { get; }

    private static string Describe(string message, long? taskIndex, long byteOffset, long line, long column, string? jsonPath)
    {
        var where = taskIndex is { } index ? $"task {index}, " : string.Empty;
        var path = string.IsNullOrEmpty(jsonPath) ? string.Empty : $", path {jsonPath}";
        return $"{message} ({where}byte {byteOffset}, line {line}, column {column}{path})";
    }
}
