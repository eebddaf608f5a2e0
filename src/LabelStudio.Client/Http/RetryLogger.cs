using Microsoft.Extensions.Logging;

namespace LabelStudio.Client.Http;

/// <summary>Logs retry decisions: method, path, attempt, delay and cause; never headers, query strings or bodies.</summary>
internal sealed partial class RetryLogger(ILogger logger)
{
    public void Log(RetryLog retry) => LogRetry(logger, retry.Method, retry.Path, retry.Attempt, retry.Delay, retry.Status, retry.Exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Retrying {Method} {Path} (attempt {Attempt}) in {Delay} after status {Status} / {Exception}.")]
    private static partial void LogRetry(ILogger logger, string method, string path, int attempt, TimeSpan delay, int? status, string? exception);
}
