namespace LabelStudio.Client;

/// <summary>400: the server rejected the request; <see cref="LabelStudioApiException.ValidationErrors"/> says which fields and why.</summary>
public class LabelStudioValidationException : LabelStudioApiException
{
    /// <summary>Creates the exception from a parsed error response.</summary>
    /// <param name="error">The parsed error response.</param>
    public LabelStudioValidationException(LabelStudioErrorResponse error)
        : base(error)
    {
    }

    /// <summary>Creates the exception (for mocking).</summary>
    public LabelStudioValidationException()
    {
    }

    /// <summary>Creates the exception with a message (for mocking).</summary>
    /// <param name="message">The message.</param>
    public LabelStudioValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LabelStudioValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
