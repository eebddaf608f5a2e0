using LabelStudio.Client.Jobs;

namespace LabelStudio.Client;

/// <summary>A long-running job (import, export snapshot, conversion, storage sync) ended as failed.</summary>
public class LabelStudioJobException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="job">What failed, e.g. "export snapshot 3 of project 1".</param>
    /// <param name="status">The final status.</param>
    /// <param name="detail">The server's error or traceback, if any.</param>
    public LabelStudioJobException(string job, JobStatus status, string? detail)
        : base($"The {job} ended with status '{status}'" + (string.IsNullOrWhiteSpace(detail) ? "." : $": {detail}"))
    {
        Job = job;
        Status = status;
        Detail = detail;
    }

    /// <summary>Creates the exception (for mocking).</summary>
    public LabelStudioJobException()
        : this("job", JobStatus.Failed, null)
    {
    }

    /// <summary>Creates the exception with a message (for mocking).</summary>
    /// <param name="message">The message.</param>
    public LabelStudioJobException(string message)
        : base(message)
    {
        Job = "job";
        Status = JobStatus.Failed;
    }

    /// <summary>Creates the exception with a message and a cause (for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LabelStudioJobException(string message, Exception innerException)
        : base(message, innerException)
    {
        Job = "job";
        Status = JobStatus.Failed;
    }

    /// <summary>What failed.</summary>
    public string Job { get; }

    /// <summary>The final status.</summary>
    public JobStatus Status { get; }

    /// <summary>The server's error or traceback, if any.</summary>
    public string? Detail { get; }
}
