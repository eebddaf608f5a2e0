namespace LabelStudio.Client;

/// <summary>404: the resource does not exist (or the endpoint is not available in this edition).</summary>
public class LabelStudioNotFoundException : LabelStudioApiException
{
    /// <summary>Creates the exception from a parsed error response.</summary>
    /// <param name="error">The parsed error response.</param>
    public LabelStudioNotFoundException(LabelStudioErrorResponse error)
        : base(error)
    {
    }

    /// <summary>Creates the exception (for mocking).</summary>
    public LabelStudioNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message (for mocking).</summary>
    /// <param name="message">The message.</param>
    public LabelStudioNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LabelStudioNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
