namespace LabelStudio.Client;

/// <summary>401 or 403: the credential is missing, invalid, expired or lacks the permission.</summary>
public class LabelStudioAuthenticationException : LabelStudioApiException
{
    /// <summary>Creates the exception from a parsed error response.</summary>
    /// <param name="error">The parsed error response.</param>
    public LabelStudioAuthenticationException(LabelStudioErrorResponse error)
        : base(error)
    {
    }

    /// <summary>Creates the exception (for mocking).</summary>
    public LabelStudioAuthenticationException()
    {
    }

    /// <summary>Creates the exception with a message (for mocking).</summary>
    /// <param name="message">The message.</param>
    public LabelStudioAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LabelStudioAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
