namespace LabelStudio.Formats.Conversion;

/// <summary>A conversion cannot go on: the input is invalid for the format. Names the place (task index and id).</summary>
public class ConversionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConversionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConversionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 0-based index of the task in the input, when known.</summary>
    public long? TaskIndex { get; init; }

    /// <summary>The task's id, when known.</summary>
    public long? TaskId { get; init; }
}
