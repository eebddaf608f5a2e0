namespace LabelStudio.Client;

/// <summary>An error answer of the Label Studio API, parsed tolerantly from whichever shape the server used.</summary>
public sealed class LabelStudioErrorResponse
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>HTTP status code.</summary>
    public int StatusCode { get; init; }

    /// <summary>The request method, if known.</summary>
    public string? Method { get; init; }

    /// <summary>The request path (without query string, which may carry tokens), if known.</summary>
    public string? RequestPath { get; init; }

    /// <summary>The server's <c>detail</c> (or the bare string/text body).</summary>
    public string? Detail { get; init; }

    /// <summary>The server's correlation id (envelope <c>id</c>) or <c>X-Request-Id</c> header.</summary>
    public string? RequestId { get; init; }

    /// <summary>The server version reported in the envelope.</summary>
    public string? ServerVersion { get; init; }

    /// <summary>A machine-readable code (simplejwt's <c>code</c>), if any.</summary>
    public string? Code { get; init; }

    /// <summary>The server traceback (<c>exc_info</c>) when the server runs with debug reporting.</summary>
    public string? ExceptionInfo { get; init; }

    /// <summary>Field → messages (from <c>validation_errors</c> or a plain DRF field map).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ValidationErrors { get; init; } = NoErrors;

    /// <summary>The raw body as received (truncated to 64 KiB).</summary>
    public string? RawBody { get; init; }

    /// <summary>The server's <c>Retry-After</c>, if it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
